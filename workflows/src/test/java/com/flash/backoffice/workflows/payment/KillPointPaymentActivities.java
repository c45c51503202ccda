package com.flash.backoffice.workflows.payment;

/** The real payment activity, with the kill point between its final state and its return. */
public final class KillPointPaymentActivities implements PaymentActivities {

    private final PaymentActivities activities;
    private final KillPoints points;

    public KillPointPaymentActivities(PaymentActivities activities, KillPoints points) {
        this.activities = activities;
        this.points = points;
    }

    @Override
    public PaymentResult pay(PaymentOrder order) {
        PaymentResult result = points.paying(order.paymentId(), () -> activities.pay(order));
        points.reach(KillStep.BEFORE_ACTIVITY_COMPLETED, order.paymentId());
        return result;
    }
}
