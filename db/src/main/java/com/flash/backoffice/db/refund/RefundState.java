package com.flash.backoffice.db.refund;

/**
 * A refund's states. AWAITING_CLAIM holds the reservation until the customer claims it (LNURL-withdraw) or an agent
 * gives a destination; CANCELLED and EXPIRED release it.
 */
public enum RefundState {
    AWAITING_APPROVAL,
    AWAITING_CLAIM,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    EXPIRED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == EXPIRED;
    }

    /** Still holds (or took) part of what was paid on the invoice: counts against the refundable amount. */
    public boolean countsAgainstPaid() {
        return this != CANCELLED && this != EXPIRED;
    }

    /** BTCPay's payout state name (a refund is paid as a payout of its pull payment there). */
    public String greenfieldName() {
        return switch (this) {
            case AWAITING_APPROVAL -> "AwaitingApproval";
            case AWAITING_CLAIM -> "AwaitingPayment";
            case IN_PROGRESS -> "InProgress";
            case COMPLETED -> "Completed";
            case CANCELLED, EXPIRED -> "Cancelled";
        };
    }
}
