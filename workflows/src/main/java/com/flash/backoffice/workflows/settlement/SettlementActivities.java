package com.flash.backoffice.workflows.settlement;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface SettlementActivities {

    /**
     * Decides a period and records it, once per period key: a period recorded before keeps its outcome. Skips a
     * paused schedule, a merchant without payout destination, nothing payable or (threshold schedules) a payable
     * balance below the threshold; otherwise claims the period, requests the payable balance through
     * {@link ScheduledPayouts} and records the payout or the refusal. An unknown schedule fails with
     * {@link SettlementFailure#SCHEDULE_NOT_FOUND}.
     */
    PeriodResult settle(PeriodRun run);
}
