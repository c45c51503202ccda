package com.flash.backoffice.workflows.refund;

import com.flash.backoffice.db.refund.RefundState;
import java.util.List;
import java.util.Objects;

/**
 * A state the workflow reached, with its revision (the activity stamps the time).
 *
 * @param audited a person's command (cancel, an agent's claim), audited with the change
 * @param destination the claim's destination on IN_PROGRESS
 */
public record RefundStep(
        String refundId,
        int revision,
        RefundState state,
        String actor,
        boolean audited,
        List<String> actorRoles,
        String note,
        String destination,
        int attempts,
        Long feeMsat,
        String proof,
        String failureDetail) {

    public RefundStep {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(actor, "actor");
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
    }
}
