package com.flash.backoffice.db.card;

/** What a tap's callback got: its amount reserved out of the card's balance for the payment, or a refusal. */
public sealed interface WithdrawalStart {

    /** {@code invoiceId}: the invoice of this system it pays (settled inside Flash), or null. */
    record Started(long tapId, String cardId, String paymentId, long amountMsat, String invoiceId)
            implements WithdrawalStart {}

    /** Nothing written: the reason is LUD-03's, for the wallet. */
    record Refused(String reason) implements WithdrawalStart {}

    /**
     * A wrong PIN: only the card's failure count was written. {@code lockedOut}: that was the last try, so the card
     * must be frozen.
     */
    record WrongPin(String cardId, String reason, boolean lockedOut) implements WithdrawalStart {}
}
