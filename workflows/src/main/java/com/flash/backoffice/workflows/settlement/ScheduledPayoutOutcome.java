package com.flash.backoffice.workflows.settlement;

import com.flash.backoffice.db.settlement.SkipReason;

/** The answer of {@link ScheduledPayouts}: the requested payout's id, or why it was refused (nothing written then). */
public record ScheduledPayoutOutcome(String payoutId, SkipReason refusal, String detail) {

    public ScheduledPayoutOutcome {
        if ((payoutId == null) == (refusal == null)) {
            throw new IllegalArgumentException("either a payout id or a refusal");
        }
    }

    public static ScheduledPayoutOutcome requested(String payoutId) {
        return new ScheduledPayoutOutcome(payoutId, null, null);
    }

    public static ScheduledPayoutOutcome refused(SkipReason reason, String detail) {
        return new ScheduledPayoutOutcome(null, reason, detail);
    }
}
