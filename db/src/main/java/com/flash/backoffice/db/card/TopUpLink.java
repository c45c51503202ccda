package com.flash.backoffice.db.card;

import java.time.Instant;

/** An open LNURL-pay link of a card (from its balance page), with the card's state now. */
public record TopUpLink(String cardId, CardState cardState, Instant expiresAt) {}
