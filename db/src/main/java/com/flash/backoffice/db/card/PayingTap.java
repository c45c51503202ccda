package com.flash.backoffice.db.card;

/**
 * A tap whose amount is reserved and whose payment has not ended: what its payment workflow needs. {@code invoiceId}
 * is set when it pays an invoice of this system (settled inside Flash).
 */
public record PayingTap(
        long tapId,
        String cardId,
        String paymentId,
        String bolt11,
        long amountMsat,
        long feeLimitMsat,
        String invoiceId) {}
