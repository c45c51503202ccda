package com.flash.backoffice.db.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to open in the inbox.
 *
 * @param approverRole the role whose inbox shows it
 * @param remindAt when the approvers are reminded, or null for no reminder
 */
public record NewApprovalRequest(
        String subjectId,
        RequestKind kind,
        String workflowId,
        String merchantId,
        long amountMsat,
        String requestedBy,
        String summary,
        String approverRole,
        long revision,
        int approvalsNeeded,
        Instant createdAt,
        Instant remindAt,
        Instant deadlineAt) {

    public NewApprovalRequest {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(approverRole, "approverRole");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(deadlineAt, "deadlineAt");
        if (amountMsat < 0) {
            throw new IllegalArgumentException("amountMsat must not be negative: " + amountMsat);
        }
        if (approvalsNeeded < 1) {
            throw new IllegalArgumentException("a request in the inbox needs at least one approval");
        }
    }
}
