package com.flash.backoffice.db.apikey;

import java.time.Instant;
import java.util.List;

/** A stored API key: only its hash and an 8-character prefix (for recognising it in lists) are kept. */
public record ApiKey(
        String id,
        String label,
        String keyPrefix,
        String merchantId,
        List<String> permissions,
        String createdBy,
        Instant createdAt,
        Instant revokedAt) {

    public boolean isActive() {
        return revokedAt == null;
    }

    public boolean hasPermission(String permission) {
        return permissions.contains(permission);
    }
}
