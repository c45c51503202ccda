package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SettlementPlan;
import java.util.List;

/**
 * The input of a schedule's workflow, and what it carries into its next run when it continues as new.
 * {@code lastPeriodMillis} is null for a new or resumed schedule (its next period is the first after now) and
 * otherwise the last scheduled period handled, so that a late worker catches up on the periods it missed.
 */
public record SettlementScheduleState(
        String merchantId, SettlementPlan plan, boolean paused, Long lastPeriodMillis, List<PendingRun> pending) {

    public SettlementScheduleState {
        pending = List.copyOf(pending);
    }

    public static SettlementScheduleState first(String merchantId, SettlementPlan plan, boolean paused) {
        return new SettlementScheduleState(merchantId, plan, paused, null, List.of());
    }
}
