package com.flash.backoffice.workflows.reportschedule;

import java.time.Instant;

/** A report period {@code [from, to)} in epoch milliseconds (UTC): what a scheduled run covers. */
public record SchedulePeriod(long fromMillis, long toMillis) {

    public SchedulePeriod {
        if (fromMillis >= toMillis) {
            throw new IllegalArgumentException("a period ends after it starts: " + fromMillis + " >= " + toMillis);
        }
    }

    public static SchedulePeriod of(Instant from, Instant to) {
        return new SchedulePeriod(from.toEpochMilli(), to.toEpochMilli());
    }

    public Instant from() {
        return Instant.ofEpochMilli(fromMillis);
    }

    public Instant to() {
        return Instant.ofEpochMilli(toMillis);
    }
}
