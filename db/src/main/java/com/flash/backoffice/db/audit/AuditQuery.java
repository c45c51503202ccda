package com.flash.backoffice.db.audit;

import java.time.Instant;

/** Every filter is optional (null); {@code from} is inclusive, {@code to} exclusive. */
public record AuditQuery(String actor, String action, Instant from, Instant to, int offset, int limit) {

    public AuditQuery {
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit cannot be negative");
        }
    }

    public static AuditQuery all(int offset, int limit) {
        return new AuditQuery(null, null, null, null, offset, limit);
    }
}
