package com.flash.backoffice.portal.report;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.util.Objects;

/**
 * Turns a preset into a period {@code [from, to)} of whole calendar days in the business time zone: a day starts at
 * its local midnight (the start of a day that begins with a daylight-saving gap is the first valid instant), so
 * "today" is 23 or 25 hours long on the days the clocks change. Presets include today: "last 7 days" is today and
 * the six days before; "this month", "this quarter" and "this year" are the whole calendar unit.
 */
public final class ReportPeriods {

    private final Clock clock;
    private final ZoneId zone;

    public ReportPeriods(Clock clock, ZoneId zone) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(zone));
    }

    /** The period of a preset; CUSTOM has none (use {@link #days}). */
    public ReportRange range(ReportPeriod preset) {
        LocalDate today = today();
        return switch (preset) {
            case TODAY -> days(today, today);
            case LAST_7_DAYS -> days(today.minusDays(6), today);
            case THIS_MONTH -> days(today.withDayOfMonth(1), today.withDayOfMonth(today.lengthOfMonth()));
            case LAST_MONTH -> {
                LocalDate first = today.withDayOfMonth(1).minusMonths(1);
                yield days(first, first.withDayOfMonth(first.lengthOfMonth()));
            }
            case THIS_QUARTER -> {
                LocalDate first = today.with(IsoFields.DAY_OF_QUARTER, 1);
                yield days(first, first.plusMonths(3).minusDays(1));
            }
            case THIS_YEAR -> days(today.withDayOfYear(1), today.withDayOfYear(today.lengthOfYear()));
            case CUSTOM -> throw new IllegalArgumentException("a custom period needs its first and last day");
        };
    }

    /** From the start of {@code first} to the start of the day after {@code last}: both days included. */
    public ReportRange days(LocalDate first, LocalDate last) {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("the last day " + last + " is before the first day " + first);
        }
        return new ReportRange(
                first.atStartOfDay(zone).toInstant(),
                last.plusDays(1).atStartOfDay(zone).toInstant());
    }
}
