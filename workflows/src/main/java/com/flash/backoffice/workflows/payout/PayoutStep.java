package com.flash.backoffice.workflows.payout;

import java.util.List;
import java.util.Objects;

/**
 * A state the workflow reached, with the revision it is stored under (the activity stamps the time).
 *
 * @param actor who caused it: a staff user, {@code workflow}, an API key
 * @param audited whether this step carries out a person's command and is audited with it (not the workflow's own
 *     steps, nor decisions, which the approval feature audits)
 * @param actorRoles that person's staff roles (empty for an API key)
 * @param note what the timeline shows
 */
public record PayoutStep(
        String payoutId,
        int revision,
        PayoutStatus status,
        String actor,
        boolean audited,
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
        return new PayoutStep(payoutId, revision, status, actor, false, List.of(), note, null, null, null, null);
    }
}
