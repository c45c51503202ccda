package com.flash.backoffice.db.card;

/**
 * What a settled top-up invoice did: credited {@code cardId} (the card, or its replacement), went to suspense
 * ({@code cardId} null), or nothing because it was credited before ({@code again}).
 */
public record TopUpCredit(String topUpId, TopUpState state, String cardId, long amountMsat, boolean again) {}
