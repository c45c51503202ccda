package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SettlementTrigger;
import java.time.Instant;

/** Decide and record one period of a merchant's schedule. */
public record PeriodRun(String merchantId, String periodKey, long periodAtMillis, SettlementTrigger trigger) {

    public Instant periodAt() {
        return Instant.ofEpochMilli(periodAtMillis);
    }
}
