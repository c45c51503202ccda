package com.flash.backoffice.db.payout;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A state the payout workflow reached, written with its revision (idempotent: a revision is written once).
 *
 * @param actor who caused it: a staff user, {@code workflow}, {@code merchant:<storeId>}
 * @param audited whether a person's command caused it: then it is written to the audit log with the change
 * @param actorRoles the actor's staff roles (empty for the workflow or an API key)
 * @param note what the timeline shows (a decision's reason, a failure's detail...)
 */
public record PayoutStateChange(
        String payoutId,
        int revision,
        PayoutState state,
        String actor,
        boolean audited,
        List<String> actorRoles,
        String note,
        String failure,
        String failureDetail,
        Long feeMsat,
        String proof,
        Instant at) {

    public PayoutStateChange {
        Objects.requireNonNull(payoutId, "payoutId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
    }
}
