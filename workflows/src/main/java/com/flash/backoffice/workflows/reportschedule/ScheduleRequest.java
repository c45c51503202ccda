package com.flash.backoffice.workflows.reportschedule;

import com.flash.backoffice.db.reportschedule.ScheduleFrequency;
import java.time.Instant;

/**
 * The input of a schedule's workflow. {@code lastPeriodEndMillis} is null for a new schedule (its first period is
 * the one in progress when it starts) and, after each run, the end of the period just handled, so that a late
 * worker catches up on missed periods instead of skipping them.
 */
public record ScheduleRequest(
        String scheduleId, ScheduleFrequency frequency, String timeZone, Long lastPeriodEndMillis) {

    public static ScheduleRequest first(String scheduleId, ScheduleFrequency frequency, String timeZone) {
        return new ScheduleRequest(scheduleId, frequency, timeZone, null);
    }

    public ScheduleRequest after(Instant periodEnd) {
        return new ScheduleRequest(scheduleId, frequency, timeZone, periodEnd.toEpochMilli());
    }
}
