package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.CardState;

/** What the card's workflow knows: its state and the revision of its last change. */
public record CardSnapshot(String cardId, CardState state, int revision) {}
