package com.flash.backoffice.workflows.settlement;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.settlement.SettlementPlan;
import java.time.DayOfWeek;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettlementPeriodsTest {

    private static final Instant TUESDAY_AFTERNOON = Instant.parse("2025-06-10T15:00:00Z");

    @Test
    void a_daily_run_is_today_at_its_time_if_still_ahead_otherwise_tomorrow() {
        assertThat(SettlementPeriods.nextAfter(SettlementPlan.daily(16 * 60), TUESDAY_AFTERNOON))
                .isEqualTo("2025-06-10T16:00:00Z");
        assertThat(SettlementPeriods.nextAfter(SettlementPlan.daily(15 * 60), TUESDAY_AFTERNOON))
                .isEqualTo("2025-06-11T15:00:00Z");
    }

    @Test
    void a_weekly_run_falls_on_its_weekday_and_a_run_today_that_passed_waits_a_week() {
        assertThat(SettlementPeriods.nextAfter(SettlementPlan.weekly(DayOfWeek.FRIDAY, 60), TUESDAY_AFTERNOON))
                .isEqualTo("2025-06-13T01:00:00Z");
        assertThat(SettlementPeriods.nextAfter(SettlementPlan.weekly(DayOfWeek.TUESDAY, 60), TUESDAY_AFTERNOON))
                .isEqualTo("2025-06-17T01:00:00Z");
    }

    @Test
    void a_threshold_check_runs_hourly_at_the_minute_of_its_time() {
        assertThat(SettlementPeriods.nextAfter(SettlementPlan.threshold(1, 9 * 60 + 45), TUESDAY_AFTERNOON))
                .isEqualTo("2025-06-10T15:45:00Z");
        assertThat(SettlementPeriods.nextAfter(SettlementPlan.threshold(1, 0), TUESDAY_AFTERNOON))
                .isEqualTo("2025-06-10T16:00:00Z");
    }

    @Test
    void a_range_includes_both_ends_and_stops_at_the_limit() {
        SettlementPlan daily = SettlementPlan.daily(0);
        assertThat(SettlementPeriods.between(
                        daily, Instant.parse("2025-06-01T00:00:00Z"), Instant.parse("2025-06-03T00:00:00Z"), 31))
                .containsExactly(
                        Instant.parse("2025-06-01T00:00:00Z"),
                        Instant.parse("2025-06-02T00:00:00Z"),
                        Instant.parse("2025-06-03T00:00:00Z"));
        assertThat(SettlementPeriods.count(
                        daily, Instant.parse("2025-01-01T00:00:00Z"), Instant.parse("2025-12-31T00:00:00Z"), 31))
                .isEqualTo(32);
    }
}
