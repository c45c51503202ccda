package com.flash.backoffice.workflows.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to show in the inbox, with its times in workflow time.
 *
 * @param remindAt null when no reminder is due before the deadline
 */
public record ApprovalOpening(
        ApprovalSubject subject,
        String approverRole,
        long revision,
        int approvalsNeeded,
        Instant openedAt,
        Instant remindAt,
        Instant deadlineAt) {

    public ApprovalOpening {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(approverRole, "approverRole");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(deadlineAt, "deadlineAt");
    }
}
