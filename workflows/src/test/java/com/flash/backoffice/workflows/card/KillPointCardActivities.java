package com.flash.backoffice.workflows.card;

import com.flash.backoffice.workflows.payment.KillPoints;
import com.flash.backoffice.workflows.payment.KillStep;

/** The real tap bookings, with the kill point once the payment's result is back: as the tap is booked Paid. */
final class KillPointCardActivities implements CardActivities {

    private final CardActivities activities;
    private final KillPoints points;

    KillPointCardActivities(CardActivities activities, KillPoints points) {
        this.activities = activities;
        this.points = points;
    }

    @Override
    public void paid(long tapId, long feeMsat) {
        points.reach(KillStep.AFTER_ACTIVITY_COMPLETED, paymentId(tapId));
        activities.paid(tapId, feeMsat);
    }

    @Override
    public void paidInternally(long tapId) {
        activities.paidInternally(tapId);
    }

    @Override
    public void failed(long tapId, String reason) {
        activities.failed(tapId, reason);
    }

    /** As {@code CardWithdrawals} names a tap's payment. */
    static String paymentId(long tapId) {
        return "card-tap-" + tapId;
    }
}
