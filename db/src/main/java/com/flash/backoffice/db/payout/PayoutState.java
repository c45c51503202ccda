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

    /** BTCPay's name in the Greenfield API and webhooks; {@code Failed} is Flash's addition. */
    public String greenfieldName() {
        return switch (this) {
            case AWAITING_APPROVAL -> "AwaitingApproval";
            case AWAITING_PAYMENT -> "AwaitingPayment";
            case IN_PROGRESS -> "InProgress";
            case COMPLETED -> "Completed";
            case CANCELLED -> "Cancelled";
            case FAILED -> "Failed";
        };
    }
}
