package com.flash.backoffice.db.reportschedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ReportScheduleRepositoryIT {

    static final Instant FROM = Instant.parse("2025-06-10T00:00:00Z");
    static final Instant TO = Instant.parse("2025-06-11T00:00:00Z");

    private static TestDatabase database;
    private static ReportScheduleRepository schedules;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("report_schedule_repository_it");
        schedules = new ReportScheduleRepository(database.dsl());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static ReportSchedule daily() {
        return schedules.create(new NewReportSchedule(
                "journal",
                null,
                "CSV",
                ScheduleFrequency.DAILY,
                List.of("a@example.com", "b@example.com"),
                "Europe/Paris",
                "accountant"));
    }

    private static ScheduleRun run(ReportSchedule schedule, RunStatus status, Long rows, String error) {
        return new ScheduleRun(schedule.id(), FROM, TO, status, rows, null, error, null);
    }

    @Test
    void a_schedule_reads_back_as_stored() {
        ReportSchedule created = daily();

        assertThat(schedules.find(created.id())).contains(created);
        assertThat(created.recipients()).containsExactly("a@example.com", "b@example.com");
        assertThat(created.active()).isTrue();
        assertThat(created.revision()).isZero();
    }

    @Test
    void a_failed_period_can_still_be_sent_but_a_sent_period_is_never_overwritten() {
        ReportSchedule schedule = daily();

        assertThat(schedules.recordRun(run(schedule, RunStatus.FAILED, null, "SMTP down")))
                .isTrue();
        assertThat(schedules.recordRun(run(schedule, RunStatus.SENT, 12L, null)))
                .isTrue();
        assertThat(schedules.recordRun(run(schedule, RunStatus.FAILED, null, "late failure")))
                .isFalse();

        assertThat(schedules.runs(schedule.id())).singleElement().satisfies(stored -> {
            assertThat(stored.status()).isEqualTo(RunStatus.SENT);
            assertThat(stored.rows()).isEqualTo(12L);
            assertThat(stored.error()).isNull();
        });
    }

    @Test
    void the_database_refuses_a_second_row_for_the_same_period() {
        ReportSchedule schedule = daily();
        schedules.recordRun(run(schedule, RunStatus.SENT, 1L, null));

        assertThatThrownBy(() -> database.dsl()
                        .execute(
                                "INSERT INTO report_schedule_run (schedule_id, period_from, period_to, status, updated_at)"
                                        + " VALUES (?, '2025-06-10 00:00:00', '2025-06-11 00:00:00', 'SENT', NOW(6))",
                                schedule.id()))
                .isInstanceOf(DataAccessException.class);
    }

    @Test
    void cancelling_needs_the_current_revision_and_happens_once() {
        ReportSchedule schedule = daily();

        assertThat(schedules.cancel(schedule.id(), schedule.revision() + 1, "admin"))
                .isEqualTo(CancelResult.STALE_REVISION);
        assertThat(schedules.cancel(schedule.id(), schedule.revision(), "admin"))
                .isEqualTo(CancelResult.CANCELLED);
        assertThat(schedules.cancel(schedule.id(), schedule.revision() + 1, "admin"))
                .isEqualTo(CancelResult.ALREADY_CANCELLED);
        assertThat(schedules.cancel("no-such-schedule", 0, "admin")).isEqualTo(CancelResult.NOT_FOUND);
        ReportSchedule cancelled = schedules.find(schedule.id()).orElseThrow();
        assertThat(cancelled.active()).isFalse();
        assertThat(cancelled.cancelledBy()).isEqualTo("admin");
        assertThat(cancelled.revision()).isEqualTo(1);
    }

    @Test
    void the_overview_shows_each_schedules_latest_period() {
        ReportSchedule schedule = daily();
        schedules.recordRun(run(schedule, RunStatus.SENT, 3L, null));
        schedules.recordRun(new ScheduleRun(
                schedule.id(), TO, Instant.parse("2025-06-12T00:00:00Z"), RunStatus.FAILED, null, null, "boom", null));

        ScheduleOverview overview = schedules.overview().stream()
                .filter(item -> item.schedule().id().equals(schedule.id()))
                .findFirst()
                .orElseThrow();

        assertThat(overview.lastRun().status()).isEqualTo(RunStatus.FAILED);
        assertThat(overview.lastRun().error()).isEqualTo("boom");
    }
}
