package com.flash.backoffice.db.card;

import java.time.Instant;

/** One entry on a card's balance: {@code signedMsat} is positive for money in (a top-up), negative for money out. */
public record CardMovement(Instant bookedAt, String description, long signedMsat) {}
