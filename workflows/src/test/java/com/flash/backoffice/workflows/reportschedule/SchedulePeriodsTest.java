package com.flash.backoffice.workflows.reportschedule;

import static com.flash.backoffice.db.reportschedule.ScheduleFrequency.DAILY;
import static com.flash.backoffice.db.reportschedule.ScheduleFrequency.MONTHLY;
import static com.flash.backoffice.db.reportschedule.ScheduleFrequency.WEEKLY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SchedulePeriodsTest {

    static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void a_daily_period_ends_at_the_next_local_midnight() {
        Instant end = SchedulePeriods.nextBoundaryAfter(DAILY, PARIS, Instant.parse("2025-06-10T21:59:59Z"));

        assertThat(end).isEqualTo(Instant.parse("2025-06-10T22:00:00Z"));
        assertThat(SchedulePeriods.endingAt(DAILY, PARIS, end))
                .isEqualTo(SchedulePeriod.of(Instant.parse("2025-06-09T22:00:00Z"), end));
    }

    @Test
    void exactly_at_midnight_the_period_that_starts_then_is_the_current_one() {
        assertThat(SchedulePeriods.nextBoundaryAfter(DAILY, PARIS, Instant.parse("2025-06-10T22:00:00Z")))
                .isEqualTo(Instant.parse("2025-06-11T22:00:00Z"));
    }

    @Test
    void the_day_of_a_dst_change_has_23_or_25_hours() {
        Instant springEnd = SchedulePeriods.nextBoundaryAfter(DAILY, PARIS, Instant.parse("2025-03-30T12:00:00Z"));
        SchedulePeriod spring = SchedulePeriods.endingAt(DAILY, PARIS, springEnd);
        assertThat(spring.toMillis() - spring.fromMillis()).isEqualTo(23 * 3_600_000L);

        Instant autumnEnd = SchedulePeriods.nextBoundaryAfter(DAILY, PARIS, Instant.parse("2025-10-26T12:00:00Z"));
        SchedulePeriod autumn = SchedulePeriods.endingAt(DAILY, PARIS, autumnEnd);
        assertThat(autumn.toMillis() - autumn.fromMillis()).isEqualTo(25 * 3_600_000L);
    }

    @Test
    void a_week_runs_from_monday_to_monday_local_time() {
        // Sunday 2025-06-15 23:30 in New York is already Monday in UTC
        Instant end = SchedulePeriods.nextBoundaryAfter(WEEKLY, NEW_YORK, Instant.parse("2025-06-16T03:30:00Z"));

        assertThat(end).isEqualTo(Instant.parse("2025-06-16T04:00:00Z"));
        assertThat(SchedulePeriods.endingAt(WEEKLY, NEW_YORK, end).from())
                .isEqualTo(Instant.parse("2025-06-09T04:00:00Z"));
    }

    @Test
    void a_month_runs_from_the_first_to_the_first_local_time_across_a_dst_change() {
        Instant end = SchedulePeriods.nextBoundaryAfter(MONTHLY, PARIS, Instant.parse("2025-03-15T10:00:00Z"));

        assertThat(end).isEqualTo(Instant.parse("2025-03-31T22:00:00Z"));
        assertThat(SchedulePeriods.endingAt(MONTHLY, PARIS, end).from())
                .isEqualTo(Instant.parse("2025-02-28T23:00:00Z"));
    }

    @Test
    void the_last_instant_of_a_month_still_belongs_to_it() {
        assertThat(SchedulePeriods.nextBoundaryAfter(MONTHLY, PARIS, Instant.parse("2025-03-31T21:59:59.999Z")))
                .isEqualTo(Instant.parse("2025-03-31T22:00:00Z"));
    }
}
