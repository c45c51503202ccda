package com.flash.backoffice.db.payout;

/** BTCPay's payout states. FAILED is not final: the reservation is held until staff retry or cancel. */
public enum PayoutState {
    AWAITING_APPROVAL,
    AWAITING_PAYMENT,
    IN_PROGRESS,
    COMPLETED,
    CANCELLED,
    FAILED;

    /** Completed or cancelled: the reservation has left the ledger and the destination is free again. */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED;
    }
}
