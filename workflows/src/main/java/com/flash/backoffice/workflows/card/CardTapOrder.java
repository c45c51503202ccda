package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.PayingTap;

/**
 * A tap's withdrawal to pay: its amount is already reserved out of the card's balance under {@code paymentId}.
 * {@code internalInvoiceId} is set when the BOLT11 belongs to an invoice of this system: it is settled inside Flash.
 */
public record CardTapOrder(
        long tapId,
        String cardId,
        String paymentId,
        String bolt11,
        long amountMsat,
        long feeLimitMsat,
        String internalInvoiceId) {

    public CardTapOrder(
            long tapId, String cardId, String paymentId, String bolt11, long amountMsat, long feeLimitMsat) {
        this(tapId, cardId, paymentId, bolt11, amountMsat, feeLimitMsat, null);
    }

    /** The order of a tap reserved and not yet paid, as stored with its reservation. */
    public static CardTapOrder of(PayingTap tap) {
        return new CardTapOrder(
                tap.tapId(),
                tap.cardId(),
                tap.paymentId(),
                tap.bolt11(),
                tap.amountMsat(),
                tap.feeLimitMsat(),
                tap.invoiceId());
    }

    public boolean internal() {
        return internalInvoiceId != null;
    }
}
