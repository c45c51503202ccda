package com.flash.backoffice.portal.refund;

import com.flash.backoffice.portal.workflow.UnstartedWorkflowSweep;
import java.time.Instant;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Starts the workflows of refunds whose start failed after the refund was stored; such a workflow asks FINANCE to
 * approve (the requester's own approval is not known without the requester signed in).
 */
@Component
class UnstartedRefunds extends UnstartedWorkflowSweep {

    private final RefundService refunds;

    UnstartedRefunds(RefundService refunds, @Value("${flash.workers.enabled:true}") boolean workers) {
        super("refund", workers);
        this.refunds = refunds;
    }

    @Override
    protected int startUnstarted(Instant requestedBefore) {
        return refunds.startUnstarted(requestedBefore);
    }
}
