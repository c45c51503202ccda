package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SettlementRunStatus;
import com.flash.backoffice.db.settlement.SkipReason;

/** What a period did: the payout it requested, or why it requested none. */
public record PeriodResult(SettlementRunStatus status, String payoutId, SkipReason skipReason) {}
