package com.flash.backoffice.workflows.settlement;

import java.time.Instant;

/** Run the schedule's periods within {@code [from, to]} (epoch ms, UTC) that are already past, oldest first. */
public record Backfill(long fromMillis, long toMillis) {

    public Backfill {
        if (fromMillis > toMillis) {
            throw new IllegalArgumentException("a backfill ends after it starts: " + fromMillis + " > " + toMillis);
        }
    }

    public static Backfill of(Instant from, Instant to) {
        return new Backfill(from.toEpochMilli(), to.toEpochMilli());
    }
}
