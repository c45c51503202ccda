package com.flash.backoffice.portal.suspense;

/** What became of a request to resolve a suspense receipt; every refusal wrote nothing. */
public enum ResolveOutcome {
    ALLOCATED(null, "Allocated to the merchant's balance."),
    ACKNOWLEDGED(null, "Acknowledged."),
    REASON_REQUIRED(SuspenseField.REASON, "Give a reason: it goes to the audit log."),
    AMOUNT_NOT_POSITIVE(SuspenseField.AMOUNT, "Enter a positive amount."),
    AMOUNT_ABOVE_OPEN(SuspenseField.AMOUNT, "More than the receipt's open amount."),
    AMOUNT_ABOVE_SUSPENSE_BALANCE(SuspenseField.AMOUNT, "More than the suspense account holds."),
    MERCHANT_NOT_FOUND(SuspenseField.MERCHANT, "Choose an existing merchant."),
    RECEIPT_NOT_FOUND(null, "No such receipt."),
    RECEIPT_IS_A_NOTE(
            null,
            "This receipt is a note: the coins went to the merchant's own wallet, so Flash holds nothing to allocate."
                    + " Acknowledge it instead."),
    RECEIPT_IS_CUSTODIAL(
            null, "Flash holds these coins: allocate them to a merchant, or leave the receipt for a refund."),
    NOTHING_OPEN(null, "Nothing of this receipt is left to resolve."),
    STALE_REVISION(null, "Someone resolved this receipt meanwhile: reload it and try again.");

    private final SuspenseField field;
    private final String message;

    ResolveOutcome(SuspenseField field, String message) {
        this.field = field;
        this.message = message;
    }

    /** The form field the message belongs to; null for the whole request. */
    public SuspenseField field() {
        return field;
    }

    public String message() {
        return message;
    }

    public boolean done() {
        return this == ALLOCATED || this == ACKNOWLEDGED;
    }
}
