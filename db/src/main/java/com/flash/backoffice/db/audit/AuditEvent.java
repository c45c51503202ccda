package com.flash.backoffice.db.audit;

import java.util.List;
import java.util.Objects;

/**
 * A staff action to record. {@code action} is a dotted verb such as {@code merchant.create}; the JSON
 * snapshots and the reason are optional.
 */
public record AuditEvent(
        String actor,
        List<String> actorRoles,
        String action,
        String targetType,
        String targetId,
        String beforeJson,
        String afterJson,
        String reason) {

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        actorRoles = List.copyOf(actorRoles);
        if (actorRoles.stream().anyMatch(role -> role.contains(","))) {
            throw new IllegalArgumentException("a role name cannot contain a comma: " + actorRoles);
        }
    }
}
