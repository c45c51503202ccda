package com.flash.backoffice.portal.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.reports.export.ReportCriteria;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ExportPlacementTest {

    static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    static ReportCriteria days(long days) {
        return ReportCriteria.period(START, START.plus(Duration.ofDays(days)));
    }

    @Test
    void a_period_longer_than_the_limit_runs_in_the_background_without_counting() {
        AtomicLong counted = new AtomicLong();
        ExportPlacement placement = ExportPlacement.decide(days(93), 10_000, 92, cap -> counted.incrementAndGet());
        assertThat(placement).isEqualTo(ExportPlacement.BACKGROUND);
        assertThat(counted).hasValue(0);
    }

    @Test
    void up_to_the_row_limit_downloads_at_once_one_more_runs_in_the_background() {
        assertThat(ExportPlacement.decide(days(92), 10_000, 92, cap -> Math.min(cap, 10_000)))
                .isEqualTo(ExportPlacement.IMMEDIATE);
        assertThat(ExportPlacement.decide(days(1), 10_000, 92, cap -> Math.min(cap, 10_001)))
                .isEqualTo(ExportPlacement.BACKGROUND);
    }

    @Test
    void rows_are_counted_only_up_to_one_past_the_limit() {
        AtomicLong askedCap = new AtomicLong();
        ExportPlacement.decide(days(1), 500, 92, cap -> {
            askedCap.set(cap);
            return 0;
        });
        assertThat(askedCap).hasValue(501);
    }

    @Test
    void a_balance_report_without_a_period_start_is_decided_by_its_rows() {
        assertThat(ExportPlacement.decide(ReportCriteria.asOf(START), 10, 92, cap -> 3))
                .isEqualTo(ExportPlacement.IMMEDIATE);
        assertThat(ExportPlacement.decide(ReportCriteria.asOf(START), 10, 92, cap -> cap))
                .isEqualTo(ExportPlacement.BACKGROUND);
    }
}
