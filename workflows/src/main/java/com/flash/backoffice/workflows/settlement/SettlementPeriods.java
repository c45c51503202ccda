package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SettlementPlan;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/**
 * The times at which a plan runs, in UTC: daily at its time of day, weekly on its weekday at its time of day, a
 * threshold check every hour at the minute of its time of day. Pure functions of their arguments, so workflow code
 * may call them. A period is named by its time, ISO-8601: the key that makes it run at most once.
 */
public final class SettlementPeriods {

    /** The most periods one backfill runs. */
    public static final int MAX_BACKFILL_PERIODS = 31;

    private SettlementPeriods() {}

    /** The first run time strictly after {@code instant}. */
    public static Instant nextAfter(SettlementPlan plan, Instant instant) {
        Instant candidate = switch (plan.frequency()) {
            case DAILY -> atTime(plan, instant.atOffset(ZoneOffset.UTC).toLocalDate());
            case WEEKLY ->
                atTime(
                        plan,
                        instant.atOffset(ZoneOffset.UTC)
                                .toLocalDate()
                                .with(TemporalAdjusters.nextOrSame(plan.weekday())));
            case THRESHOLD ->
                instant.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofMinutes(plan.timeOfDayMinutes() % 60));
        };
        while (!candidate.isAfter(instant)) {
            candidate = candidate.plus(step(plan));
        }
        return candidate;
    }

    /** The run times within {@code [from, to]}, oldest first, at most {@code limit} of them. */
    public static List<Instant> between(SettlementPlan plan, Instant from, Instant to, int limit) {
        List<Instant> times = new ArrayList<>();
        for (Instant time = nextAfter(plan, from.minusNanos(1));
                !time.isAfter(to) && times.size() < limit;
                time = nextAfter(plan, time)) {
            times.add(time);
        }
        return times;
    }

    /** How many run times lie within {@code [from, to]}, counting to {@code limit + 1} at most. */
    public static int count(SettlementPlan plan, Instant from, Instant to, int limit) {
        return between(plan, from, to, limit + 1).size();
    }

    public static String key(Instant periodAt) {
        return periodAt.toString();
    }

    private static Instant atTime(SettlementPlan plan, LocalDate day) {
        return day.atTime(LocalTime.MIN.plusMinutes(plan.timeOfDayMinutes())).toInstant(ZoneOffset.UTC);
    }

    private static Duration step(SettlementPlan plan) {
        return switch (plan.frequency()) {
            case DAILY -> Duration.ofDays(1);
            case WEEKLY -> Duration.ofDays(7);
            case THRESHOLD -> Duration.ofHours(1);
        };
    }
}
