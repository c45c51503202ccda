package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SettlementPlan;
import com.flash.backoffice.db.settlement.SettlementTrigger;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;

public class SettlementScheduleWorkflowImpl implements SettlementScheduleWorkflow {

    /** Periods run by one execution before it continues as new. */
    static final int PERIODS_PER_RUN = 100;

    private static final Logger log = Workflow.getLogger(SettlementScheduleWorkflowImpl.class);

    /** A database or payout service down for a while is retried for about a day. */
    private final SettlementActivities activities = Workflow.newActivityStub(
            SettlementActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(2))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(10))
                            .setBackoffCoefficient(2)
                            .setMaximumInterval(Duration.ofHours(2))
                            .setMaximumAttempts(20)
                            .setDoNotRetry(SettlementFailure.SCHEDULE_NOT_FOUND.name())
                            .build())
                    .build());

    private final Deque<PendingRun> pending = new ArrayDeque<>();
    /** Backfills as signalled, with the time they came: expanded into periods by the main loop, which knows the plan. */
    private final Deque<Backfill> backfills = new ArrayDeque<>();

    private SettlementPlan plan;
    private boolean paused;
    private boolean cancelled;
    private boolean replanned;
    private Long lastPeriodMillis;
    private Long nextRunAtMillis;

    @Override
    public SettlementEnd run(SettlementScheduleState state) {
        plan = state.plan();
        paused = state.paused();
        lastPeriodMillis = state.lastPeriodMillis();
        pending.addAll(state.pending());
        int periods = 0;
        while (!cancelled) {
            expandBackfills();
            if (periods >= PERIODS_PER_RUN || Workflow.getInfo().isContinueAsNewSuggested()) {
                Workflow.continueAsNew(new SettlementScheduleState(
                        state.merchantId(), plan, paused, lastPeriodMillis, new ArrayList<>(pending)));
            }
            if (!pending.isEmpty()) {
                PendingRun next = pending.peekFirst();
                boolean ended = !settle(state.merchantId(), next.periodKey(), next.periodAtMillis(), next.trigger());
                pending.pollFirst();
                periods++;
                if (ended) {
                    return SettlementEnd.SCHEDULE_NOT_FOUND;
                }
                continue;
            }
            if (paused) {
                nextRunAtMillis = null;
                Workflow.await(() -> cancelled || !paused || !pending.isEmpty() || !backfills.isEmpty());
                continue;
            }
            long now = Workflow.currentTimeMillis();
            Instant after = Instant.ofEpochMilli(lastPeriodMillis == null ? now : lastPeriodMillis);
            Instant periodAt = SettlementPeriods.nextAfter(plan, after);
            nextRunAtMillis = periodAt.toEpochMilli();
            Duration wait = Duration.ofMillis(periodAt.toEpochMilli() - now);
            if (wait.isPositive()) {
                boolean interrupted = Workflow.await(
                        wait, () -> cancelled || paused || replanned || !pending.isEmpty() || !backfills.isEmpty());
                if (interrupted) {
                    replanned = false;
                    continue;
                }
            }
            boolean ended = !settle(
                    state.merchantId(),
                    SettlementPeriods.key(periodAt),
                    periodAt.toEpochMilli(),
                    SettlementTrigger.SCHEDULED);
            lastPeriodMillis = periodAt.toEpochMilli();
            periods++;
            if (ended) {
                return SettlementEnd.SCHEDULE_NOT_FOUND;
            }
        }
        return SettlementEnd.CANCELLED;
    }

    /** Runs one period; false when the schedule is gone and the workflow must end. */
    private boolean settle(String merchantId, String periodKey, long periodAtMillis, SettlementTrigger trigger) {
        try {
            activities.settle(new PeriodRun(merchantId, periodKey, periodAtMillis, trigger));
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure application
                    && SettlementFailure.SCHEDULE_NOT_FOUND.name().equals(application.getType())) {
                return false;
            }
            // retries exhausted: the run log may hold the period as REQUESTING; a backfill of it retries it
            log.warn("settlement schedule {}: period {} did not complete", merchantId, periodKey, failure);
        }
        return true;
    }

    @Override
    public void pause() {
        paused = true;
    }

    @Override
    public void resume() {
        if (paused) {
            paused = false;
            lastPeriodMillis = null;
        }
    }

    @Override
    public void triggerNow() {
        long now = Workflow.currentTimeMillis();
        pending.addLast(
                new PendingRun("now-" + SettlementPeriods.key(Instant.ofEpochMilli(now)), now, SettlementTrigger.NOW));
    }

    @Override
    public void backfill(Backfill range) {
        // only past periods: a range reaching into the future stops at the time the signal came
        backfills.addLast(new Backfill(
                Math.min(range.fromMillis(), Workflow.currentTimeMillis()),
                Math.min(range.toMillis(), Workflow.currentTimeMillis())));
    }

    private void expandBackfills() {
        while (!backfills.isEmpty()) {
            Backfill range = backfills.pollFirst();
            List<Instant> periods = SettlementPeriods.between(
                    plan,
                    Instant.ofEpochMilli(range.fromMillis()),
                    Instant.ofEpochMilli(range.toMillis()),
                    SettlementPeriods.MAX_BACKFILL_PERIODS);
            for (Instant periodAt : periods) {
                pending.addLast(new PendingRun(
                        SettlementPeriods.key(periodAt), periodAt.toEpochMilli(), SettlementTrigger.BACKFILL));
            }
        }
    }

    @Override
    public void reschedule(SettlementPlan newPlan) {
        plan = newPlan;
        lastPeriodMillis = null;
        replanned = true;
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public Long nextRunAtMillis() {
        return nextRunAtMillis;
    }
}
