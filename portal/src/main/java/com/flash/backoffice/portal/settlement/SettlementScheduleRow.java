package com.flash.backoffice.portal.settlement;

import com.flash.backoffice.db.settlement.SettlementOverview;
import java.time.Instant;
import java.util.Optional;

/** A schedule for the list: its overview and when its next scheduled period runs (none while paused). */
public record SettlementScheduleRow(SettlementOverview overview, Instant nextRunAt) {

    public Optional<Instant> nextRun() {
        return Optional.ofNullable(nextRunAt);
    }
}
