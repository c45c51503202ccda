package com.flash.backoffice.db.apikey;

import static com.flash.backoffice.db.jooq.Tables.API_KEY;

import com.flash.backoffice.db.jooq.tables.records.ApiKeyRecord;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

@Repository
public class ApiKeyRepository {

    private static final int KEY_BYTES = 32;
    private static final int PREFIX_LENGTH = 8;
    private static final String PERMISSION_SEPARATOR = ",";

    /** How stale "last used" may be: the price of not writing on every request. */
    public static final Duration LAST_USE_RESOLUTION = Duration.ofMinutes(1);

    private final DSLContext ctx;

    public ApiKeyRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** A key for ever: {@link #create(NewApiKey)} without an expiry. */
    public CreatedApiKey create(String label, String merchantId, Collection<String> permissions, String createdBy) {
        return create(new NewApiKey(label, merchantId, List.copyOf(permissions), createdBy, null));
    }

    /** Stores the SHA-256 of a new random key and returns the plaintext, which is not kept anywhere. */
    public CreatedApiKey create(NewApiKey key) {
        String id = RandomIds.newId();
        String plaintextKey = RandomIds.randomHex(KEY_BYTES);
        ctx.insertInto(API_KEY)
                .set(API_KEY.ID, id)
                .set(API_KEY.LABEL, key.label())
                .set(API_KEY.KEY_HASH, ApiKeyHashing.sha256Hex(plaintextKey))
                .set(API_KEY.KEY_PREFIX, plaintextKey.substring(0, PREFIX_LENGTH))
                .set(API_KEY.MERCHANT_ID, key.merchantId())
                .set(API_KEY.PERMISSIONS, joinPermissions(key.permissions()))
                .set(API_KEY.CREATED_BY, key.createdBy())
                .set(API_KEY.CREATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .set(API_KEY.EXPIRES_AT, UtcTimestamps.toDb(key.expiresAt()))
                .execute();
        return new CreatedApiKey(id, plaintextKey);
    }

    /**
     * The key if it exists and is neither revoked nor expired; unknown, revoked and expired keys look the same to
     * the caller.
     */
    public Optional<ApiKey> findActiveByPlaintext(String plaintextKey) {
        if (plaintextKey == null || plaintextKey.isEmpty()) {
            return Optional.empty();
        }
        Instant now = UtcTimestamps.now();
        return ctx.selectFrom(API_KEY)
                .where(API_KEY.KEY_HASH.eq(ApiKeyHashing.sha256Hex(plaintextKey)))
                .and(API_KEY.REVOKED_AT.isNull())
                .fetchOptional()
                .map(ApiKeyRepository::toApiKey)
                .filter(key -> key.isActive(now));
    }

    public Optional<ApiKey> findById(String id) {
        return ctx.selectFrom(API_KEY).where(API_KEY.ID.eq(id)).fetchOptional().map(ApiKeyRepository::toApiKey);
    }

    /**
     * Notes that {@code key} was used at {@code now}, at most once a {@link #LAST_USE_RESOLUTION}: a key read less
     * than that after its last noted use costs no write, and of several instances noting the same minute only one
     * writes. True when this call wrote.
     */
    public boolean noteUse(ApiKey key, Instant now) {
        Instant notBefore = now.minus(LAST_USE_RESOLUTION);
        if (key.lastUsedAt() != null && key.lastUsedAt().isAfter(notBefore)) {
            return false;
        }
        return ctx.update(API_KEY)
                        .set(API_KEY.LAST_USED_AT, UtcTimestamps.toDb(now))
                        .where(API_KEY.ID.eq(key.id()))
                        .and(API_KEY.LAST_USED_AT.isNull().or(API_KEY.LAST_USED_AT.le(UtcTimestamps.toDb(notBefore))))
                        .execute()
                == 1;
    }

    public RevokeResult revoke(String id, String revokedBy) {
        Objects.requireNonNull(revokedBy, "revokedBy");
        int revoked = ctx.update(API_KEY)
                .set(API_KEY.REVOKED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .set(API_KEY.REVOKED_BY, revokedBy)
                .where(API_KEY.ID.eq(id))
                .and(API_KEY.REVOKED_AT.isNull())
                .execute();
        if (revoked == 1) {
            return RevokeResult.REVOKED;
        }
        return ctx.fetchExists(API_KEY, API_KEY.ID.eq(id)) ? RevokeResult.ALREADY_REVOKED : RevokeResult.NOT_FOUND;
    }

    /** All keys, revoked ones included, newest first. */
    public List<ApiKey> list() {
        return ctx.selectFrom(API_KEY)
                .orderBy(API_KEY.CREATED_AT.desc(), API_KEY.ID)
                .fetch(ApiKeyRepository::toApiKey);
    }

    private static String joinPermissions(Collection<String> permissions) {
        for (String permission : permissions) {
            if (permission.isBlank() || permission.contains(PERMISSION_SEPARATOR)) {
                throw new IllegalArgumentException("invalid permission name: '" + permission + "'");
            }
        }
        return String.join(PERMISSION_SEPARATOR, permissions);
    }

    private static ApiKey toApiKey(ApiKeyRecord row) {
        List<String> permissions = row.getPermissions().isEmpty()
                ? List.of()
                : Arrays.asList(row.getPermissions().split(PERMISSION_SEPARATOR));
        return new ApiKey(
                row.getId(),
                row.getLabel(),
                row.getKeyPrefix(),
                row.getMerchantId(),
                List.copyOf(permissions),
                row.getCreatedBy(),
                UtcTimestamps.fromDb(row.getCreatedAt()),
                UtcTimestamps.fromDb(row.getExpiresAt()),
                UtcTimestamps.fromDb(row.getLastUsedAt()),
                UtcTimestamps.fromDb(row.getRevokedAt()),
                row.getRevokedBy());
    }
}
