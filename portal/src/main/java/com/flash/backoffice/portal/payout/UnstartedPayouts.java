package com.flash.backoffice.portal.payout;

import com.flash.backoffice.portal.workflow.UnstartedWorkflowSweep;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** Starts the workflows of payouts whose start failed after the request committed (see the sweep). */
@Component
class UnstartedPayouts extends UnstartedWorkflowSweep {

    private final PayoutService payouts;

    UnstartedPayouts(PayoutService payouts, @Value("${flash.workers.enabled:true}") boolean workers) {
        super("payout", workers);
        this.payouts = payouts;
    }

    @Override
    protected int startUnstarted(Instant requestedBefore) {
        return payouts.startUnstarted(requestedBefore);
    }
}
