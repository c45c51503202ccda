package com.flash.backoffice.workflows.refund;

import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * The refund workflow's input, fixed at the start: the refund as stored (revision 0), the policy it is approved under
 * and how long the customer has to claim it once approved.
 *
 * @param destination where an agent said to pay at the start, or null (the customer claims it)
 */
public record RefundRequest(
        String refundId,
        String invoiceId,
        String merchantId,
        long amountMsat,
        long feeLimitMsat,
        String destination,
        String requestedBy,
        String summary,
        ApprovalPolicy approvalPolicy,
        Duration claimExpiry) {

    public RefundRequest {
        Objects.requireNonNull(refundId, "refundId");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(approvalPolicy, "approvalPolicy");
        Objects.requireNonNull(claimExpiry, "claimExpiry");
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        if (!claimExpiry.isPositive()) {
            throw new IllegalArgumentException("claimExpiry must be positive: " + claimExpiry);
        }
    }
}
