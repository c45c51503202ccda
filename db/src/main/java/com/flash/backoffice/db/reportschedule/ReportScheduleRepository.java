package com.flash.backoffice.db.reportschedule;

import static com.flash.backoffice.db.jooq.Tables.REPORT_SCHEDULE;
import static com.flash.backoffice.db.jooq.Tables.REPORT_SCHEDULE_RUN;

import com.flash.backoffice.db.jooq.enums.ReportScheduleFormat;
import com.flash.backoffice.db.jooq.enums.ReportScheduleFrequency;
import com.flash.backoffice.db.jooq.enums.ReportScheduleRunStatus;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Report schedules and their run log (one row per schedule and period). */
@Repository
public class ReportScheduleRepository {

    private static final String RECIPIENT_SEPARATOR = ",";

    private final DSLContext ctx;

    public ReportScheduleRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    public ReportSchedule create(NewReportSchedule schedule) {
        String id = RandomIds.newId();
        Instant now = UtcTimestamps.now();
        ctx.insertInto(REPORT_SCHEDULE)
                .set(REPORT_SCHEDULE.ID, id)
                .set(REPORT_SCHEDULE.REPORT, schedule.report())
                .set(REPORT_SCHEDULE.MERCHANT_ID, schedule.merchantId())
                .set(REPORT_SCHEDULE.FORMAT, ReportScheduleFormat.valueOf(schedule.format()))
                .set(
                        REPORT_SCHEDULE.FREQUENCY,
                        ReportScheduleFrequency.valueOf(schedule.frequency().name()))
                .set(REPORT_SCHEDULE.RECIPIENTS, String.join(RECIPIENT_SEPARATOR, schedule.recipients()))
                .set(REPORT_SCHEDULE.TIME_ZONE, schedule.timeZone())
                .set(REPORT_SCHEDULE.CREATED_BY, schedule.createdBy())
                .set(REPORT_SCHEDULE.CREATED_AT, UtcTimestamps.toDb(now))
                .execute();
        return find(id).orElseThrow();
    }

    public Optional<ReportSchedule> find(String id) {
        return ctx.selectFrom(REPORT_SCHEDULE)
                .where(REPORT_SCHEDULE.ID.eq(id))
                .fetchOptional(ReportScheduleRepository::toSchedule);
    }

    public int count() {
        return ctx.fetchCount(REPORT_SCHEDULE);
    }

    /** Every schedule, newest first, each with its latest run (by period end). */
    public List<ScheduleOverview> overview() {
        List<ReportSchedule> schedules = ctx.selectFrom(REPORT_SCHEDULE)
                .orderBy(REPORT_SCHEDULE.CREATED_AT.desc(), REPORT_SCHEDULE.ID.desc())
                .fetch(ReportScheduleRepository::toSchedule);
        var latestEnd = DSL.select(
                        REPORT_SCHEDULE_RUN.SCHEDULE_ID,
                        DSL.max(REPORT_SCHEDULE_RUN.PERIOD_TO).as("latest_to"))
                .from(REPORT_SCHEDULE_RUN)
                .groupBy(REPORT_SCHEDULE_RUN.SCHEDULE_ID)
                .asTable("latest");
        Map<String, ScheduleRun> lastRuns = ctx
                .select(REPORT_SCHEDULE_RUN.fields())
                .from(REPORT_SCHEDULE_RUN)
                .join(latestEnd)
                .on(REPORT_SCHEDULE_RUN
                        .SCHEDULE_ID
                        .eq(latestEnd.field(REPORT_SCHEDULE_RUN.SCHEDULE_ID))
                        .and(REPORT_SCHEDULE_RUN.PERIOD_TO.eq(
                                latestEnd.field("latest_to", REPORT_SCHEDULE_RUN.PERIOD_TO.getType()))))
                .fetch(ReportScheduleRepository::toRun)
                .stream()
                .collect(Collectors.toMap(ScheduleRun::scheduleId, Function.identity(), (a, b) -> a));
        return schedules.stream()
                .map(schedule -> new ScheduleOverview(schedule, lastRuns.get(schedule.id())))
                .toList();
    }

    /** Marks the schedule cancelled if it is active and its revision is still {@code expectedRevision}. */
    public CancelResult cancel(String id, int expectedRevision, String cancelledBy) {
        int updated = ctx.update(REPORT_SCHEDULE)
                .set(REPORT_SCHEDULE.CANCELLED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .set(REPORT_SCHEDULE.CANCELLED_BY, cancelledBy)
                .set(REPORT_SCHEDULE.REVISION, REPORT_SCHEDULE.REVISION.plus(1))
                .where(REPORT_SCHEDULE.ID.eq(id))
                .and(REPORT_SCHEDULE.REVISION.eq(expectedRevision))
                .and(REPORT_SCHEDULE.CANCELLED_AT.isNull())
                .execute();
        if (updated == 1) {
            return CancelResult.CANCELLED;
        }
        return find(id).map(current -> current.active() ? CancelResult.STALE_REVISION : CancelResult.ALREADY_CANCELLED)
                .orElse(CancelResult.NOT_FOUND);
    }

    public Optional<ScheduleRun> findRun(String scheduleId, Instant periodFrom, Instant periodTo) {
        return ctx.selectFrom(REPORT_SCHEDULE_RUN)
                .where(REPORT_SCHEDULE_RUN.SCHEDULE_ID.eq(scheduleId))
                .and(REPORT_SCHEDULE_RUN.PERIOD_FROM.eq(UtcTimestamps.toDb(periodFrom)))
                .and(REPORT_SCHEDULE_RUN.PERIOD_TO.eq(UtcTimestamps.toDb(periodTo)))
                .fetchOptional(ReportScheduleRepository::toRun);
    }

    /** The runs of one schedule, oldest period first. */
    public List<ScheduleRun> runs(String scheduleId) {
        return ctx.selectFrom(REPORT_SCHEDULE_RUN)
                .where(REPORT_SCHEDULE_RUN.SCHEDULE_ID.eq(scheduleId))
                .orderBy(REPORT_SCHEDULE_RUN.PERIOD_TO)
                .fetch(ReportScheduleRepository::toRun);
    }

    /**
     * Records the outcome of a period (one row per schedule and period). A period already {@link RunStatus#SENT}
     * keeps its row: returns false and changes nothing.
     */
    public boolean recordRun(ScheduleRun run) {
        Optional<ScheduleRun> existing = findRun(run.scheduleId(), run.periodFrom(), run.periodTo());
        if (existing.isPresent() && existing.get().sent()) {
            return false;
        }
        var status = ReportScheduleRunStatus.valueOf(run.status().name());
        var updatedAt = UtcTimestamps.toDb(UtcTimestamps.now());
        ctx.insertInto(REPORT_SCHEDULE_RUN)
                .set(REPORT_SCHEDULE_RUN.SCHEDULE_ID, run.scheduleId())
                .set(REPORT_SCHEDULE_RUN.PERIOD_FROM, UtcTimestamps.toDb(run.periodFrom()))
                .set(REPORT_SCHEDULE_RUN.PERIOD_TO, UtcTimestamps.toDb(run.periodTo()))
                .set(REPORT_SCHEDULE_RUN.STATUS, status)
                .set(REPORT_SCHEDULE_RUN.ROW_COUNT, run.rows())
                .set(REPORT_SCHEDULE_RUN.SENT_AT, UtcTimestamps.toDb(run.sentAt()))
                .set(REPORT_SCHEDULE_RUN.ERROR, truncate(run.error()))
                .set(REPORT_SCHEDULE_RUN.UPDATED_AT, updatedAt)
                .onDuplicateKeyUpdate()
                .set(REPORT_SCHEDULE_RUN.STATUS, status)
                .set(REPORT_SCHEDULE_RUN.ROW_COUNT, run.rows())
                .set(REPORT_SCHEDULE_RUN.SENT_AT, UtcTimestamps.toDb(run.sentAt()))
                .set(REPORT_SCHEDULE_RUN.ERROR, truncate(run.error()))
                .set(REPORT_SCHEDULE_RUN.UPDATED_AT, updatedAt)
                .execute();
        return true;
    }

    private static String truncate(String error) {
        return error == null || error.length() <= 1000 ? error : error.substring(0, 1000);
    }

    private static ReportSchedule toSchedule(Record row) {
        String recipients = row.get(REPORT_SCHEDULE.RECIPIENTS);
        return new ReportSchedule(
                row.get(REPORT_SCHEDULE.ID),
                row.get(REPORT_SCHEDULE.REPORT),
                row.get(REPORT_SCHEDULE.MERCHANT_ID),
                row.get(REPORT_SCHEDULE.FORMAT).name(),
                ScheduleFrequency.valueOf(row.get(REPORT_SCHEDULE.FREQUENCY).name()),
                recipients.isEmpty() ? List.of() : Arrays.asList(recipients.split(RECIPIENT_SEPARATOR)),
                row.get(REPORT_SCHEDULE.TIME_ZONE),
                row.get(REPORT_SCHEDULE.CREATED_BY),
                UtcTimestamps.fromDb(row.get(REPORT_SCHEDULE.CREATED_AT)),
                UtcTimestamps.fromDb(row.get(REPORT_SCHEDULE.CANCELLED_AT)),
                row.get(REPORT_SCHEDULE.CANCELLED_BY),
                row.get(REPORT_SCHEDULE.REVISION));
    }

    private static ScheduleRun toRun(Record row) {
        return new ScheduleRun(
                row.get(REPORT_SCHEDULE_RUN.SCHEDULE_ID),
                UtcTimestamps.fromDb(row.get(REPORT_SCHEDULE_RUN.PERIOD_FROM)),
                UtcTimestamps.fromDb(row.get(REPORT_SCHEDULE_RUN.PERIOD_TO)),
                RunStatus.valueOf(row.get(REPORT_SCHEDULE_RUN.STATUS).name()),
                row.get(REPORT_SCHEDULE_RUN.ROW_COUNT),
                UtcTimestamps.fromDb(row.get(REPORT_SCHEDULE_RUN.SENT_AT)),
                row.get(REPORT_SCHEDULE_RUN.ERROR),
                UtcTimestamps.fromDb(row.get(REPORT_SCHEDULE_RUN.UPDATED_AT)));
    }
}
