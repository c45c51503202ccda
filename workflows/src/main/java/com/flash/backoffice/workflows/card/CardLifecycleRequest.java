package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardState;
import java.time.Duration;

/**
 * A card's workflow input: a card not activated within {@code activationWindow} is retired. A card lives for years,
 * so its workflow continues as new once its history reaches {@code historyLimit} events (0: {@value #HISTORY_LIMIT}),
 * carrying its {@code revision} (0 for a new card) and its {@code state} (null for a new card: read from the card) on.
 */
public record CardLifecycleRequest(
        String cardId, Duration activationWindow, int revision, int historyLimit, CardState state) {

    public static final int HISTORY_LIMIT = 10_000;

    public CardLifecycleRequest(String cardId, Duration activationWindow) {
        this(cardId, activationWindow, 0, 0, null);
    }

    /** A new card whose workflow continues as new every {@code historyLimit} events. */
    public CardLifecycleRequest(String cardId, Duration activationWindow, int historyLimit) {
        this(cardId, activationWindow, 0, historyLimit, null);
    }

    int historyLimitOrDefault() {
        return historyLimit > 0 ? historyLimit : HISTORY_LIMIT;
    }
}
