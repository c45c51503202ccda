package com.flash.backoffice.db.refund;

import java.time.Instant;

/** One row of a refund's timeline. */
public record RefundEvent(int revision, RefundState state, String actor, String note, Instant at) {}
