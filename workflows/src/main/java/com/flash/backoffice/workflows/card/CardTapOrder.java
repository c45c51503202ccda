package com.flash.backoffice.workflows.card;

/** A tap's withdrawal to pay: its amount is already reserved out of the card's balance under {@code paymentId}. */
public record CardTapOrder(
        long tapId, String cardId, String paymentId, String bolt11, long amountMsat, long feeLimitMsat) {}
