package com.flash.backoffice.workflows.payout;

/** BTCPay's payout states, as the workflow moves through them (stored as {@code db.payout.PayoutState}). */
public enum PayoutStatus {
    AWAITING_APPROVAL,
    AWAITING_PAYMENT,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
