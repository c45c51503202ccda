package com.flash.backoffice.db.card;

import java.time.Instant;

/** One line of a card's tap log: accepted (with its withdrawal's progress) or refused with the reason. */
public record CardTap(
        long id,
        String cardId,
        Integer counter,
        String state,
        String reason,
        Long amountMsat,
        Long feeMsat,
        String paymentId,
        Instant createdAt) {}
