package com.flash.backoffice.db.settlement;

import java.util.Optional;

/** A schedule with its merchant's name and its latest run, for lists. */
public record SettlementOverview(SettlementSchedule schedule, String merchantName, SettlementRun lastRun) {

    public Optional<SettlementRun> latestRun() {
        return Optional.ofNullable(lastRun);
    }
}
