package com.flash.backoffice.workflows.reportschedule;

import com.flash.backoffice.db.reportschedule.ScheduleFrequency;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/**
 * Calendar periods in a schedule's time zone: days start at local midnight (or the first instant after a DST gap),
 * weeks on ISO Monday, months on the 1st. Pure functions of their arguments, so workflow code may call them.
 */
public final class SchedulePeriods {

    private SchedulePeriods() {}

    /** The first period boundary strictly after {@code instant}: when the period containing it ends. */
    public static Instant nextBoundaryAfter(ScheduleFrequency frequency, ZoneId zone, Instant instant) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        LocalDate next = switch (frequency) {
            case DAILY -> day.plusDays(1);
            case WEEKLY -> day.with(TemporalAdjusters.next(DayOfWeek.MONDAY));
            case MONTHLY -> day.withDayOfMonth(1).plusMonths(1);
        };
        return next.atStartOfDay(zone).toInstant();
    }

    /** The whole period that ends at {@code boundary} (a value of {@link #nextBoundaryAfter}). */
    public static SchedulePeriod endingAt(ScheduleFrequency frequency, ZoneId zone, Instant boundary) {
        LocalDate end = boundary.atZone(zone).toLocalDate();
        LocalDate start = switch (frequency) {
            case DAILY -> end.minusDays(1);
            case WEEKLY -> end.minusWeeks(1);
            case MONTHLY -> end.minusMonths(1);
        };
        return SchedulePeriod.of(start.atStartOfDay(zone).toInstant(), boundary);
    }
}
