package com.flash.backoffice.workflows.refund;

import java.time.Instant;

/**
 * A refund was paid: the event the rewards feature consumes to claw back the points earned on the refunded part of an
 * invoice. {@code refundedMsat} of the invoice's {@code invoicePaidMsat} went back to the customer with this refund.
 * Delivered at least once; a consumer keys its work on {@code refundId}.
 */
public record RefundCompleted(
        String refundId, String invoiceId, String merchantId, long refundedMsat, long invoicePaidMsat, Instant at) {}
