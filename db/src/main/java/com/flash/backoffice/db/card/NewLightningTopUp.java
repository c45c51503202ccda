package com.flash.backoffice.db.card;

import java.time.Instant;
import java.util.Objects;

/** The invoice an LNURL-pay callback created on Flash's node for a card, to be credited when it settles. */
public record NewLightningTopUp(
        String cardId, long amountMsat, String paymentHash, String bolt11, String nodeId, Instant expiresAt) {

    public NewLightningTopUp {
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
    }
}
