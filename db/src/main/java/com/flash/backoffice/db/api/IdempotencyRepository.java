package com.flash.backoffice.db.api;

import static com.flash.backoffice.db.jooq.Tables.API_IDEMPOTENCY;

import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/** Idempotency keys of API writes, per API key: claimed before the write, completed with its response. */
@Repository
public class IdempotencyRepository {

    /** A stored key: {@code statusCode} null while the first request is still running. */
    public record StoredResponse(String requestHash, Integer statusCode, String responseBody, Instant createdAt) {}

    private final DSLContext ctx;

    public IdempotencyRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Claims the key for a request; false when it is taken (look at {@link #find}). */
    public boolean claim(String apiKeyId, String idempotencyKey, String requestHash, Instant now) {
        return ctx.insertInto(API_IDEMPOTENCY)
                        .set(API_IDEMPOTENCY.API_KEY_ID, apiKeyId)
                        .set(API_IDEMPOTENCY.IDEMPOTENCY_KEY, idempotencyKey)
                        .set(API_IDEMPOTENCY.REQUEST_HASH, requestHash)
                        .set(API_IDEMPOTENCY.CREATED_AT, UtcTimestamps.toDb(now))
                        .onDuplicateKeyIgnore()
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
                        UtcTimestamps.fromDb(row.getCreatedAt())));
    }

    public void complete(String apiKeyId, String idempotencyKey, int statusCode, String responseBody) {
        ctx.update(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.STATUS_CODE, statusCode)
                .set(API_IDEMPOTENCY.RESPONSE_BODY, responseBody)
                .where(API_IDEMPOTENCY.API_KEY_ID.eq(apiKeyId))
                .and(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq(idempotencyKey))
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
