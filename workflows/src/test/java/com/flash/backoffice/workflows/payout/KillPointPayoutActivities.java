package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.workflows.payment.KillPoints;
import com.flash.backoffice.workflows.payment.KillStep;

/**
 * The real payout activities, with the kill point after the payment activity completed: at the start of saving the
 * payout's completion, the step the workflow takes once it has the payment's result.
 */
final class KillPointPayoutActivities implements PayoutActivities {

    private final PayoutActivities activities;
    private final KillPoints points;

    KillPointPayoutActivities(PayoutActivities activities, KillPoints points) {
        this.activities = activities;
        this.points = points;
    }

    @Override
    public void announceRequest(String payoutId) {
        activities.announceRequest(payoutId);
    }

    @Override
    public void saveStep(PayoutStep step) {
        if (step.status() == PayoutStatus.COMPLETED) {
            points.reach(KillStep.AFTER_ACTIVITY_COMPLETED, PayoutWorkflow.workflowId(step.payoutId()));
        }
        activities.saveStep(step);
    }

    @Override
    public void notifyMerchant(PayoutStep step) {
        activities.notifyMerchant(step);
    }
}
