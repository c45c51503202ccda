package com.flash.backoffice.workflows.payout;

import java.util.List;
import java.util.Objects;

/**
 * A state the workflow reached, with the revision it is stored under (the activity stamps the time).
 *
 * @param actor who caused it: a staff user, {@code workflow}, an API key
 * @param actorRoles the roles of the person whose command this step carries out: the step is audited under them
 *     (empty for the workflow's own steps, and for decisions, which the approval feature audits)
 * @param note what the timeline shows
 */
public record PayoutStep(
        String payoutId,
        int revision,
        PayoutStatus status,
        String actor,
        List<String> actorRoles,
        String note,
        String failure,
        String failureDetail,
        Long feeMsat,
        String proof) {

    public PayoutStep {
        Objects.requireNonNull(payoutId, "payoutId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(actor, "actor");
        actorRoles = actorRoles == null ? List.of() : List.copyOf(actorRoles);
    }

    public static PayoutStep of(String payoutId, int revision, PayoutStatus status, String actor, String note) {
        return new PayoutStep(payoutId, revision, status, actor, List.of(), note, null, null, null, null);
    }
}
