package com.flash.backoffice.db.approval;

import java.time.Instant;

/** A request as the inbox stores it. */
public record ApprovalRequest(
        String subjectId,
        RequestKind kind,
        String workflowId,
        String merchantId,
        long amountMsat,
        String requestedBy,
        String summary,
        String approverRole,
        ApprovalStatus status,
        long revision,
        int approvalsNeeded,
        int approvalsGiven,
        Instant createdAt,
        Instant remindAt,
        Instant deadlineAt,
        Instant decidedAt,
        Instant remindedAt) {}
