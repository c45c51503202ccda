package com.flash.backoffice.workflows.approval;

import java.util.Objects;

/**
 * A decision the workflow accepted, to write down: its row, the request's new state and the audit entry.
 *
 * @param revisionAfter the request's revision after the decision
 * @param outcome the final outcome the decision reached, or null while more approvals are needed
 */
public record ApprovalRecording(
        ApprovalSubject subject,
        ApprovalDecision decision,
        RecordedDecision recorded,
        long revisionAfter,
        int approvalsNeeded,
        int approvalsGiven,
        ApprovalOutcome outcome) {

    public ApprovalRecording {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(recorded, "recorded");
    }
}
