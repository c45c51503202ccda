package com.flash.backoffice.db.payout;

import java.time.Instant;

/** One step of a payout's timeline. */
public record PayoutEvent(int revision, PayoutState state, String actor, String note, Instant at) {}
