package com.flash.backoffice.workflows.refund;

/**
 * Reserve the approved refund under {@code revision}; the claim may come until {@code claimDeadlineMillis} (workflow
 * time). {@code note} says how it was approved.
 */
public record RefundReservationOrder(String refundId, int revision, String note, long claimDeadlineMillis) {}
