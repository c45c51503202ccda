package com.flash.backoffice.db.audit;

import java.time.Instant;
import java.util.List;

public record AuditEntry(
        long id,
        Instant occurredAt,
        String actor,
        List<String> actorRoles,
        String action,
        String targetType,
        String targetId,
        String beforeJson,
        String afterJson,
        String reason) {}
