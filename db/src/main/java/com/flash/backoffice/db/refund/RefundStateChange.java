package com.flash.backoffice.db.refund;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A step of the refund's workflow to store once, under its revision.
 *
 * @param audited a person's command (cancel, claim by an agent): audited in the same transaction
 * @param destination the claim's destination when the step starts a payment (IN_PROGRESS), else null
 * @param claimExpiresAt set with the first AWAITING_CLAIM step
 */
public record RefundStateChange(
        String refundId,
        int revision,
        RefundState state,
        String actor,
        boolean audited,
        List<String> actorRoles,
        String note,
        String destination,
        Instant claimExpiresAt,
        int attempts,
        Long feeMsat,
        String proof,
        String failureDetail,
        Instant at) {

    public RefundStateChange {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(at, "at");
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
    }
}
