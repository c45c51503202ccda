package com.flash.backoffice.db.support;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * TIMESTAMP(6) columns hold UTC wall-clock values (repositories write them explicitly, and connections
 * use a UTC session time zone), so an Instant maps to a LocalDateTime at UTC and back.
 */
public final class UtcTimestamps {

    private UtcTimestamps() {}

    /** Now, cut to the microsecond precision the columns keep, so a written value reads back equal. */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    public static LocalDateTime toDb(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public static Instant fromDb(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
