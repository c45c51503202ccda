package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SettlementPlan;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per merchant's settlement schedule, id {@code settlement-schedule-<merchant id>}: a durable timer to
 * each period of its plan, then the period's run (a payout of the payable balance, or a recorded skip). Staff pause,
 * resume, run now and backfill through signals; the runs they ask for queue up and run one at a time, in order.
 * It continues as new every {@link SettlementScheduleWorkflowImpl#PERIODS_PER_RUN} periods, so its history stays short.
 *
 * <p>A backfill runs each past period in its range that has not run yet. A balance is cumulative: the first of them
 * that finds a payable amount requests all of it, and the later ones record "nothing payable". That is intended: a
 * backfill settles what was missed, it does not split it by period.
 */
@WorkflowInterface
public interface SettlementScheduleWorkflow {

    String TASK_QUEUE = "settlement-schedules";

    static String workflowId(String merchantId) {
        return "settlement-schedule-" + merchantId;
    }

    @WorkflowMethod
    SettlementEnd run(SettlementScheduleState state);

    /** No scheduled period runs until {@link #resume}; the periods that pass meanwhile can be backfilled. */
    @SignalMethod
    void pause();

    /** Runs again from the next period after now. */
    @SignalMethod
    void resume();

    /** Runs a period now, outside the plan (key {@code now-<time>}). */
    @SignalMethod
    void triggerNow();

    /** Runs the past periods in the range that have not run, oldest first, at most {@link SettlementPeriods#MAX_BACKFILL_PERIODS}. */
    @SignalMethod
    void backfill(Backfill range);

    /** The schedule was edited: the next period follows the new plan, counted from now. */
    @SignalMethod
    void reschedule(SettlementPlan plan);

    /** Stop for good (after the run in progress, if any). */
    @SignalMethod
    void cancel();

    /** When the next scheduled period runs (epoch ms), or null while paused. */
    @QueryMethod
    Long nextRunAtMillis();
}
