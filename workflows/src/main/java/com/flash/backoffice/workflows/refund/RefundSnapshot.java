package com.flash.backoffice.workflows.refund;

import com.flash.backoffice.db.refund.RefundState;

/** The refund as its workflow knows it (query). */
public record RefundSnapshot(
        String refundId,
        RefundState state,
        int revision,
        int attempts,
        long amountMsat,
        Long feeMsat,
        String proof,
        String failureDetail,
        long claimDeadlineMillis) {}
