package com.flash.backoffice.portal.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportPeriodsTest {

    static final ZoneId UTC = ZoneOffset.UTC;
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static ReportPeriods at(String instant, ZoneId zone) {
        return new ReportPeriods(Clock.fixed(Instant.parse(instant), UTC), zone);
    }

    static ReportRange range(String from, String to) {
        return new ReportRange(Instant.parse(from), Instant.parse(to));
    }

    @Test
    void today_is_the_whole_local_day_from_midnight_to_the_next_midnight() {
        assertThat(at("2026-11-29T09:00:00Z", UTC).range(ReportPeriod.TODAY))
                .isEqualTo(range("2026-11-29T00:00:00Z", "2026-11-30T00:00:00Z"));
    }

    @Test
    void the_first_and_last_instant_of_a_day_belong_to_that_day() {
        assertThat(at("2026-11-29T00:00:00Z", UTC).range(ReportPeriod.TODAY))
                .isEqualTo(range("2026-11-29T00:00:00Z", "2026-11-30T00:00:00Z"));
        assertThat(at("2026-11-29T23:59:59.999999Z", UTC).range(ReportPeriod.TODAY))
                .isEqualTo(range("2026-11-29T00:00:00Z", "2026-11-30T00:00:00Z"));
    }

    @Test
    void today_depends_on_the_time_zone_near_midnight() {
        // 23:30 UTC on the 29th is already the 30th in Berlin and still the 29th in New York
        assertThat(at("2026-11-29T23:30:00Z", BERLIN).range(ReportPeriod.TODAY))
                .isEqualTo(range("2026-11-29T23:00:00Z", "2026-11-30T23:00:00Z"));
        assertThat(at("2026-11-30T03:00:00Z", NEW_YORK).range(ReportPeriod.TODAY))
                .isEqualTo(range("2026-11-29T05:00:00Z", "2026-11-30T05:00:00Z"));
    }

    @Test
    void last_7_days_are_today_and_the_six_days_before() {
        assertThat(at("2026-03-03T12:00:00Z", UTC).range(ReportPeriod.LAST_7_DAYS))
                .isEqualTo(range("2026-02-25T00:00:00Z", "2026-03-04T00:00:00Z"));
    }

    @Test
    void this_month_runs_to_the_first_of_the_next_month_and_december_rolls_over_the_year() {
        assertThat(at("2026-02-15T10:00:00Z", UTC).range(ReportPeriod.THIS_MONTH))
                .isEqualTo(range("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(at("2024-02-29T10:00:00Z", UTC).range(ReportPeriod.THIS_MONTH))
                .isEqualTo(range("2024-02-01T00:00:00Z", "2024-03-01T00:00:00Z"));
        assertThat(at("2026-12-31T23:59:59Z", UTC).range(ReportPeriod.THIS_MONTH))
                .isEqualTo(range("2026-12-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void last_month_in_january_is_december_of_the_year_before() {
        assertThat(at("2026-01-01T00:00:00Z", UTC).range(ReportPeriod.LAST_MONTH))
                .isEqualTo(range("2025-12-01T00:00:00Z", "2026-01-01T00:00:00Z"));
        assertThat(at("2026-03-31T12:00:00Z", UTC).range(ReportPeriod.LAST_MONTH))
                .isEqualTo(range("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
    }

    @Test
    void this_quarter_is_the_calendar_quarter_of_today() {
        assertThat(at("2026-01-01T00:00:00Z", UTC).range(ReportPeriod.THIS_QUARTER))
                .isEqualTo(range("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z"));
        assertThat(at("2026-03-31T23:59:59Z", UTC).range(ReportPeriod.THIS_QUARTER))
                .isEqualTo(range("2026-01-01T00:00:00Z", "2026-04-01T00:00:00Z"));
        assertThat(at("2026-04-01T00:00:00Z", UTC).range(ReportPeriod.THIS_QUARTER))
                .isEqualTo(range("2026-04-01T00:00:00Z", "2026-07-01T00:00:00Z"));
        assertThat(at("2026-11-29T09:00:00Z", UTC).range(ReportPeriod.THIS_QUARTER))
                .isEqualTo(range("2026-10-01T00:00:00Z", "2027-01-01T00:00:00Z"));
    }

    @Test
    void this_year_is_the_calendar_year_and_its_start_follows_the_time_zone() {
        assertThat(at("2026-06-30T12:00:00Z", UTC).range(ReportPeriod.THIS_YEAR))
                .isEqualTo(range("2026-01-01T00:00:00Z", "2027-01-01T00:00:00Z"));
        // New Year's Eve 23:30 UTC is already New Year in Berlin (UTC+1 in winter)
        assertThat(at("2026-12-31T23:30:00Z", BERLIN).range(ReportPeriod.THIS_YEAR))
                .isEqualTo(range("2026-12-31T23:00:00Z", "2027-12-31T23:00:00Z"));
    }

    @Test
    void a_day_when_the_clocks_change_is_23_or_25_hours_long() {
        ReportRange spring = at("2026-03-29T12:00:00Z", BERLIN).range(ReportPeriod.TODAY);
        assertThat(spring).isEqualTo(range("2026-03-28T23:00:00Z", "2026-03-29T22:00:00Z"));
        assertThat(spring.length()).isEqualTo(Duration.ofHours(23));
        ReportRange autumn = at("2026-10-25T12:00:00Z", BERLIN).range(ReportPeriod.TODAY);
        assertThat(autumn.length()).isEqualTo(Duration.ofHours(25));
    }

    @Test
    void a_month_across_a_clock_change_starts_and_ends_at_local_midnight() {
        assertThat(at("2026-03-15T12:00:00Z", BERLIN).range(ReportPeriod.THIS_MONTH))
                .isEqualTo(range("2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z"));
    }

    @Test
    void custom_days_include_both_the_first_and_the_last_day() {
        ReportPeriods periods = at("2026-11-29T09:00:00Z", UTC);
        assertThat(periods.days(LocalDate.of(2026, 2, 1), LocalDate.of(2026, 2, 28)))
                .isEqualTo(range("2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z"));
        assertThat(periods.days(LocalDate.of(2026, 5, 5), LocalDate.of(2026, 5, 5))
                        .length())
                .isEqualTo(Duration.ofDays(1));
    }

    @Test
    void a_custom_period_ending_before_it_starts_is_refused_and_custom_has_no_preset_range() {
        ReportPeriods periods = at("2026-11-29T09:00:00Z", UTC);
        assertThatThrownBy(() -> periods.days(LocalDate.of(2026, 5, 5), LocalDate.of(2026, 5, 4)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> periods.range(ReportPeriod.CUSTOM)).isInstanceOf(IllegalArgumentException.class);
    }
}
