package com.flash.backoffice.db.card;

import java.time.Instant;

/**
 * One top-up of a card. {@code creditedCardId} is the card credited (a lost card's replacement when it was replaced
 * before the money came); {@code paymentHash}, {@code bolt11} and {@code expiresAt} are a Lightning top-up's,
 * {@code reason} a manual one's.
 */
public record CardTopUp(
        String id,
        String cardId,
        TopUpKind kind,
        TopUpState state,
        long amountMsat,
        Long creditedMsat,
        String creditedCardId,
        String paymentHash,
        String bolt11,
        Instant expiresAt,
        String reason,
        String requestedBy,
        String note,
        Instant createdAt,
        Instant updatedAt) {

    /** A Lightning top-up whose invoice can no longer be paid. */
    public boolean expiredAt(Instant now) {
        return state == TopUpState.OPEN && expiresAt != null && !now.isBefore(expiresAt);
    }
}
