package com.flash.backoffice.db.apikey;

import java.time.Instant;
import java.util.List;

/**
 * A stored API key: only its hash and an 8-character prefix (for recognising it in lists) are kept. A key without
 * {@code expiresAt} never expires; {@code lastUsedAt} is at most a minute behind the key's latest use.
 */
public record ApiKey(
        String id,
        String label,
        String keyPrefix,
        String merchantId,
        List<String> permissions,
        String createdBy,
        Instant createdAt,
        Instant expiresAt,
        Instant lastUsedAt,
        Instant revokedAt,
        String revokedBy) {

    public boolean isActive() {
        return isActive(Instant.now());
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean isActive(Instant now) {
        return revokedAt == null && !isExpired(now);
    }

    public boolean isExpired(Instant now) {
        return expiresAt != null && !expiresAt.isAfter(now);
    }

    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }
}
