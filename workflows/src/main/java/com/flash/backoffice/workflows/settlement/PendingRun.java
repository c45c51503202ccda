package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SettlementTrigger;
import java.time.Instant;

/** A run asked for by staff (now, or a backfilled period), waiting its turn in the schedule's workflow. */
public record PendingRun(String periodKey, long periodAtMillis, SettlementTrigger trigger) {

    public Instant periodAt() {
        return Instant.ofEpochMilli(periodAtMillis);
    }
}
