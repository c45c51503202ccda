package com.flash.backoffice.workflows.approval;

import java.util.List;
import java.util.Objects;

/**
 * What the rules look at when a decision arrives.
 *
 * @param decisions the decisions taken so far, oldest first
 * @param currentRevision the host's revision now; a decision must name it
 * @param open still awaiting a decision
 */
public record ApprovalRequestState(
        ApprovalSubject subject,
        ApprovalPolicy policy,
        List<RecordedDecision> decisions,
        long currentRevision,
        boolean open) {

    public ApprovalRequestState {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(policy, "policy");
        decisions = List.copyOf(decisions);
    }
}
