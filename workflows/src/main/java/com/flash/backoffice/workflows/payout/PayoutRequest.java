package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import java.util.Objects;

/**
 * The payout workflow's input: the payout as stored and reserved by the request (revision 0, awaiting approval), and
 * the approval policy it is decided under (fixed at request time).
 */
public record PayoutRequest(
        String payoutId,
        String merchantId,
        String destination,
        long amountMsat,
        long feeLimitMsat,
        String requestedBy,
        ApprovalPolicy approvalPolicy) {

    public PayoutRequest {
        Objects.requireNonNull(payoutId, "payoutId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(approvalPolicy, "approvalPolicy");
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
    }
}
