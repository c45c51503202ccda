package com.flash.backoffice.db.settlement;

import static com.flash.backoffice.db.jooq.Tables.MERCHANT;
import static com.flash.backoffice.db.jooq.Tables.SETTLEMENT_RUN;
import static com.flash.backoffice.db.jooq.Tables.SETTLEMENT_SCHEDULE;

import com.flash.backoffice.db.jooq.enums.SettlementRunRunTrigger;
import com.flash.backoffice.db.jooq.enums.SettlementRunSkipReason;
import com.flash.backoffice.db.jooq.enums.SettlementRunStatus;
import com.flash.backoffice.db.jooq.enums.SettlementScheduleFrequency;
import com.flash.backoffice.db.jooq.enums.SettlementScheduleWeekday;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.springframework.stereotype.Repository;

/** Settlement schedules (one per merchant) and their run log (one row per schedule and period key). */
@Repository
public class SettlementScheduleRepository {

    private static final int DETAIL_LENGTH = 1000;

    private final DSLContext ctx;

    public SettlementScheduleRepository(DSLContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Stores the merchant's schedule; empty when it has one already (nothing written then). A concurrent create for the
     * same merchant fails on the primary key.
     */
    public Optional<SettlementSchedule> create(String merchantId, SettlementPlan plan, String createdBy) {
        if (find(merchantId).isPresent()) {
            return Optional.empty();
        }
        LocalDateTime now = UtcTimestamps.toDb(UtcTimestamps.now());
        ctx.insertInto(SETTLEMENT_SCHEDULE)
                .set(SETTLEMENT_SCHEDULE.MERCHANT_ID, merchantId)
                .set(
                        SETTLEMENT_SCHEDULE.FREQUENCY,
                        SettlementScheduleFrequency.valueOf(plan.frequency().name()))
                .set(SETTLEMENT_SCHEDULE.WEEKDAY, weekday(plan.weekday()))
                .set(SETTLEMENT_SCHEDULE.THRESHOLD_MSAT, plan.thresholdMsat())
                .set(SETTLEMENT_SCHEDULE.TIME_OF_DAY_MIN, plan.timeOfDayMinutes())
                .set(SETTLEMENT_SCHEDULE.PAUSED, false)
                .set(SETTLEMENT_SCHEDULE.REVISION, 0)
                .set(SETTLEMENT_SCHEDULE.CREATED_BY, createdBy)
                .set(SETTLEMENT_SCHEDULE.CREATED_AT, now)
                .set(SETTLEMENT_SCHEDULE.UPDATED_BY, createdBy)
                .set(SETTLEMENT_SCHEDULE.UPDATED_AT, now)
                .execute();
        return find(merchantId);
    }

    public Optional<SettlementSchedule> find(String merchantId) {
        return ctx.selectFrom(SETTLEMENT_SCHEDULE)
                .where(SETTLEMENT_SCHEDULE.MERCHANT_ID.eq(merchantId))
                .fetchOptional(SettlementScheduleRepository::toSchedule);
    }

    /** Replaces the plan if the revision is still {@code expectedRevision}. */
    public ScheduleChange update(String merchantId, int expectedRevision, SettlementPlan plan, String updatedBy) {
        int updated = ctx.update(SETTLEMENT_SCHEDULE)
                .set(
                        SETTLEMENT_SCHEDULE.FREQUENCY,
                        SettlementScheduleFrequency.valueOf(plan.frequency().name()))
                .set(SETTLEMENT_SCHEDULE.WEEKDAY, weekday(plan.weekday()))
                .set(SETTLEMENT_SCHEDULE.THRESHOLD_MSAT, plan.thresholdMsat())
                .set(SETTLEMENT_SCHEDULE.TIME_OF_DAY_MIN, plan.timeOfDayMinutes())
                .set(SETTLEMENT_SCHEDULE.REVISION, SETTLEMENT_SCHEDULE.REVISION.plus(1))
                .set(SETTLEMENT_SCHEDULE.UPDATED_BY, updatedBy)
                .set(SETTLEMENT_SCHEDULE.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(SETTLEMENT_SCHEDULE.MERCHANT_ID.eq(merchantId))
                .and(SETTLEMENT_SCHEDULE.REVISION.eq(expectedRevision))
                .execute();
        return updated == 1 ? ScheduleChange.SAVED : missOn(merchantId);
    }

    /** Pauses or resumes the schedule if the revision is still {@code expectedRevision}. */
    public ScheduleChange setPaused(String merchantId, int expectedRevision, boolean paused, String updatedBy) {
        Optional<SettlementSchedule> current = find(merchantId);
        if (current.isPresent()
                && current.get().revision() == expectedRevision
                && current.get().paused() == paused) {
            return ScheduleChange.UNCHANGED;
        }
        int updated = ctx.update(SETTLEMENT_SCHEDULE)
                .set(SETTLEMENT_SCHEDULE.PAUSED, paused)
                .set(SETTLEMENT_SCHEDULE.REVISION, SETTLEMENT_SCHEDULE.REVISION.plus(1))
                .set(SETTLEMENT_SCHEDULE.UPDATED_BY, updatedBy)
                .set(SETTLEMENT_SCHEDULE.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(SETTLEMENT_SCHEDULE.MERCHANT_ID.eq(merchantId))
                .and(SETTLEMENT_SCHEDULE.REVISION.eq(expectedRevision))
                .execute();
        return updated == 1 ? ScheduleChange.SAVED : missOn(merchantId);
    }

    private ScheduleChange missOn(String merchantId) {
        return find(merchantId).isPresent() ? ScheduleChange.STALE_REVISION : ScheduleChange.NOT_FOUND;
    }

    /** Every schedule by merchant name, each with its latest run (by period time, then by when it was stored). */
    public List<SettlementOverview> overview() {
        Map<String, SettlementRun> lastRuns = ctx
                .selectFrom(SETTLEMENT_RUN)
                .where(SETTLEMENT_RUN.ID.in(DSL.select(DSL.max(SETTLEMENT_RUN.ID))
                        .from(SETTLEMENT_RUN)
                        .groupBy(SETTLEMENT_RUN.MERCHANT_ID)))
                .fetch(SettlementScheduleRepository::toRun)
                .stream()
                .collect(Collectors.toMap(SettlementRun::merchantId, Function.identity(), (a, b) -> a));
        return ctx.select(SETTLEMENT_SCHEDULE.fields())
                .select(MERCHANT.NAME)
                .from(SETTLEMENT_SCHEDULE)
                .join(MERCHANT)
                .on(MERCHANT.ID.eq(SETTLEMENT_SCHEDULE.MERCHANT_ID))
                .orderBy(MERCHANT.NAME, MERCHANT.ID)
                .fetch(row -> new SettlementOverview(
                        toSchedule(row),
                        row.get(MERCHANT.NAME),
                        lastRuns.get(row.get(SETTLEMENT_SCHEDULE.MERCHANT_ID))));
    }

    public Optional<SettlementRun> findRun(String merchantId, String periodKey) {
        return ctx.selectFrom(SETTLEMENT_RUN)
                .where(runKey(merchantId, periodKey))
                .fetchOptional(SettlementScheduleRepository::toRun);
    }

    /** The schedule's runs, the latest first. */
    public List<SettlementRun> runs(String merchantId, int limit) {
        return ctx.selectFrom(SETTLEMENT_RUN)
                .where(SETTLEMENT_RUN.MERCHANT_ID.eq(merchantId))
                .orderBy(SETTLEMENT_RUN.ID.desc())
                .limit(limit)
                .fetch(SettlementScheduleRepository::toRun);
    }

    /**
     * Records a period's run and returns the run as stored: a period is written once. The first record of a key is
     * inserted; a later one only replaces a {@link SettlementRunStatus#REQUESTING} claim with a final outcome, so a
     * retried or repeated run finds the outcome it must keep.
     */
    public SettlementRun record(SettlementRun run) {
        LocalDateTime now = UtcTimestamps.toDb(UtcTimestamps.now());
        var status = SettlementRunStatus.valueOf(run.status().name());
        var reason = run.skipReason() == null
                ? null
                : SettlementRunSkipReason.valueOf(run.skipReason().name());
        String detail = truncate(run.detail());
        // a no-op update on the period key rather than INSERT IGNORE, which would hide a foreign key error too
        ctx.insertInto(SETTLEMENT_RUN)
                .set(SETTLEMENT_RUN.MERCHANT_ID, run.merchantId())
                .set(SETTLEMENT_RUN.PERIOD_KEY, run.periodKey())
                .set(SETTLEMENT_RUN.PERIOD_AT, UtcTimestamps.toDb(run.periodAt()))
                .set(
                        SETTLEMENT_RUN.RUN_TRIGGER,
                        SettlementRunRunTrigger.valueOf(run.trigger().name()))
                .set(SETTLEMENT_RUN.STATUS, status)
                .set(SETTLEMENT_RUN.PAYOUT_ID, run.payoutId())
                .set(SETTLEMENT_RUN.AMOUNT_MSAT, run.amountMsat())
                .set(SETTLEMENT_RUN.SKIP_REASON, reason)
                .set(SETTLEMENT_RUN.DETAIL, detail)
                .set(SETTLEMENT_RUN.CREATED_AT, now)
                .set(SETTLEMENT_RUN.UPDATED_AT, now)
                .onDuplicateKeyUpdate()
                .set(SETTLEMENT_RUN.ID, SETTLEMENT_RUN.ID)
                .execute();
        if (run.status().done()) {
            ctx.update(SETTLEMENT_RUN)
                    .set(SETTLEMENT_RUN.STATUS, status)
                    .set(SETTLEMENT_RUN.PAYOUT_ID, run.payoutId())
                    .set(SETTLEMENT_RUN.AMOUNT_MSAT, run.amountMsat())
                    .set(SETTLEMENT_RUN.SKIP_REASON, reason)
                    .set(SETTLEMENT_RUN.DETAIL, detail)
                    .set(SETTLEMENT_RUN.UPDATED_AT, now)
                    .where(runKey(run.merchantId(), run.periodKey()))
                    .and(SETTLEMENT_RUN.STATUS.eq(SettlementRunStatus.REQUESTING))
                    .execute();
        }
        return findRun(run.merchantId(), run.periodKey()).orElseThrow();
    }

    private static Condition runKey(String merchantId, String periodKey) {
        return SETTLEMENT_RUN.MERCHANT_ID.eq(merchantId).and(SETTLEMENT_RUN.PERIOD_KEY.eq(periodKey));
    }

    private static String truncate(String detail) {
        return detail == null || detail.length() <= DETAIL_LENGTH ? detail : detail.substring(0, DETAIL_LENGTH);
    }

    private static SettlementScheduleWeekday weekday(DayOfWeek day) {
        return day == null ? null : SettlementScheduleWeekday.valueOf(day.name());
    }

    private static SettlementSchedule toSchedule(Record row) {
        SettlementScheduleWeekday weekday = row.get(SETTLEMENT_SCHEDULE.WEEKDAY);
        return new SettlementSchedule(
                row.get(SETTLEMENT_SCHEDULE.MERCHANT_ID),
                new SettlementPlan(
                        SettlementFrequency.valueOf(
                                row.get(SETTLEMENT_SCHEDULE.FREQUENCY).name()),
                        weekday == null ? null : DayOfWeek.valueOf(weekday.name()),
                        row.get(SETTLEMENT_SCHEDULE.THRESHOLD_MSAT),
                        row.get(SETTLEMENT_SCHEDULE.TIME_OF_DAY_MIN)),
                row.get(SETTLEMENT_SCHEDULE.PAUSED),
                row.get(SETTLEMENT_SCHEDULE.REVISION),
                row.get(SETTLEMENT_SCHEDULE.CREATED_BY),
                UtcTimestamps.fromDb(row.get(SETTLEMENT_SCHEDULE.CREATED_AT)),
                row.get(SETTLEMENT_SCHEDULE.UPDATED_BY),
                UtcTimestamps.fromDb(row.get(SETTLEMENT_SCHEDULE.UPDATED_AT)));
    }

    private static SettlementRun toRun(Record row) {
        SettlementRunSkipReason reason = row.get(SETTLEMENT_RUN.SKIP_REASON);
        return new SettlementRun(
                row.get(SETTLEMENT_RUN.MERCHANT_ID),
                row.get(SETTLEMENT_RUN.PERIOD_KEY),
                UtcTimestamps.fromDb(row.get(SETTLEMENT_RUN.PERIOD_AT)),
                SettlementTrigger.valueOf(row.get(SETTLEMENT_RUN.RUN_TRIGGER).name()),
                com.flash.backoffice.db.settlement.SettlementRunStatus.valueOf(
                        row.get(SETTLEMENT_RUN.STATUS).name()),
                row.get(SETTLEMENT_RUN.PAYOUT_ID),
                row.get(SETTLEMENT_RUN.AMOUNT_MSAT),
                reason == null ? null : SkipReason.valueOf(reason.name()),
                row.get(SETTLEMENT_RUN.DETAIL),
                UtcTimestamps.fromDb(row.get(SETTLEMENT_RUN.CREATED_AT)),
                UtcTimestamps.fromDb(row.get(SETTLEMENT_RUN.UPDATED_AT)));
    }
}
