package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.payout.PayoutStateChange;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.util.Objects;
import org.springframework.stereotype.Component;

/** Stores the workflow's steps; the repository writes each revision once, with its ledger entry. */
@Component
public class PayoutActivitiesImpl implements PayoutActivities {

    private final PayoutRepository payouts;

    public PayoutActivitiesImpl(PayoutRepository payouts) {
        this.payouts = Objects.requireNonNull(payouts, "payouts");
    }

    @Override
    public void saveStep(PayoutStep step) {
        payouts.saveState(new PayoutStateChange(
                step.payoutId(),
                step.revision(),
                PayoutState.valueOf(step.status().name()),
                step.actor(),
                step.audited(),
                step.actorRoles(),
                step.note(),
                step.failure(),
                step.failureDetail(),
                step.feeMsat(),
                step.proof(),
                UtcTimestamps.now()));
    }
}
