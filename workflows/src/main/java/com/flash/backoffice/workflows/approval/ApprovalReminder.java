package com.flash.backoffice.workflows.approval;

import java.time.Instant;
import java.util.Objects;

/** The reminder mailed to the approver group of a request still waiting at its reminder age. */
public record ApprovalReminder(ApprovalSubject subject, String approverRole, Instant openedAt, Instant deadlineAt) {

    public ApprovalReminder {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(approverRole, "approverRole");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(deadlineAt, "deadlineAt");
    }
}
