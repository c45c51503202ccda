package com.flash.backoffice.db.card;

import java.time.Instant;

/** One line of a card's timeline. */
public record CardEvent(int revision, CardState state, String actor, CardReason reason, String note, Instant at) {}
