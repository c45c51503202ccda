package com.flash.backoffice.db.api;

import static com.flash.backoffice.db.jooq.Tables.API_IDEMPOTENCY;

import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * Idempotency keys of API writes, per API key: claimed with a lease before the write, given the id of what the write
 * created in the write's own transaction, and completed with its response.
 */
@Repository
public class IdempotencyRepository {

    /**
     * A stored key: {@code statusCode} null while a request holds it (until {@code leaseUntil}; null is no lease);
     * {@code resourceId} what a request under this key created, when it got that far.
     */
    public record StoredResponse(
            String requestHash,
            Integer statusCode,
            String responseBody,
            Instant createdAt,
            Instant leaseUntil,
            String resourceId) {

        /** No request holds the key any more, and none completed: the next request may take it over. */
        public boolean abandoned(Instant now) {
            return statusCode == null && (leaseUntil == null || !leaseUntil.isAfter(now));
        }
    }

    private final DSLContext ctx;

    public IdempotencyRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Claims the key for a request until {@code leaseUntil}; false when it is taken (look at {@link #find}). */
    public boolean claim(String apiKeyId, String idempotencyKey, String requestHash, Instant now, Instant leaseUntil) {
        return ctx.insertInto(API_IDEMPOTENCY)
                        .set(API_IDEMPOTENCY.API_KEY_ID, apiKeyId)
                        .set(API_IDEMPOTENCY.IDEMPOTENCY_KEY, idempotencyKey)
                        .set(API_IDEMPOTENCY.REQUEST_HASH, requestHash)
                        .set(API_IDEMPOTENCY.CREATED_AT, UtcTimestamps.toDb(now))
                        .set(API_IDEMPOTENCY.LEASE_UNTIL, UtcTimestamps.toDb(leaseUntil))
                        .onDuplicateKeyIgnore()
                        .execute()
                == 1;
    }

    /**
     * Takes over an abandoned claim (see {@link StoredResponse#abandoned}) with a new lease; false when another
     * request took it first or it completed meanwhile.
     */
    public boolean takeOver(String apiKeyId, String idempotencyKey, Instant now, Instant leaseUntil) {
        return ctx.update(API_IDEMPOTENCY)
                        .set(API_IDEMPOTENCY.LEASE_UNTIL, UtcTimestamps.toDb(leaseUntil))
                        .where(API_IDEMPOTENCY.API_KEY_ID.eq(apiKeyId))
                        .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                        .and(API_IDEMPOTENCY.STATUS_CODE.isNull())
                        .and(API_IDEMPOTENCY
                                .LEASE_UNTIL
                                .isNull()
                                .or(API_IDEMPOTENCY.LEASE_UNTIL.le(UtcTimestamps.toDb(now))))
                        .execute()
                == 1;
    }

    public Optional<StoredResponse> find(String apiKeyId, String idempotencyKey) {
        return ctx.selectFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.API_KEY_ID.eq(apiKeyId))
                .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .fetchOptional()
                .map(row -> new StoredResponse(
                        row.getRequestHash(),
                        row.getStatusCode(),
                        row.getResponseBody(),
                        UtcTimestamps.fromDb(row.getCreatedAt()),
                        row.getLeaseUntil() == null ? null : UtcTimestamps.fromDb(row.getLeaseUntil()),
                        row.getResourceId()));
    }

    /** Records what the request created; call it in the transaction that creates it. */
    public void recordResource(String apiKeyId, String idempotencyKey, String resourceId) {
        ctx.update(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.RESOURCE_ID, resourceId)
                .where(API_IDEMPOTENCY.API_KEY_ID.eq(apiKeyId))
                .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .execute();
    }

    public void complete(String apiKeyId, String idempotencyKey, int statusCode, String responseBody) {
        ctx.update(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.STATUS_CODE, statusCode)
                .set(API_IDEMPOTENCY.RESPONSE_BODY, responseBody)
                .setNull(API_IDEMPOTENCY.LEASE_UNTIL)
                .where(API_IDEMPOTENCY.API_KEY_ID.eq(apiKeyId))
                .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .execute();
    }

    /** Ends the lease of a request that failed after it created something, so that a retry takes over at once. */
    public void endLease(String apiKeyId, String idempotencyKey) {
        ctx.update(API_IDEMPOTENCY)
                .setNull(API_IDEMPOTENCY.LEASE_UNTIL)
                .where(API_IDEMPOTENCY.API_KEY_ID.eq(apiKeyId))
                .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .and(API_IDEMPOTENCY.STATUS_CODE.isNull())
                .execute();
    }

    /** Frees a key: the request failed and wrote nothing, or the stored response is older than its lifetime. */
    public void release(String apiKeyId, String idempotencyKey) {
        ctx.deleteFrom(API_IDEMPOTENCY)
                .where(API_IDEMPOTENCY.API_KEY_ID.eq(apiKeyId))
                .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
                .execute();
    }
}
