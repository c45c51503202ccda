package com.flash.backoffice.workflows.payment;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.worker.Worker;
import java.time.Duration;

/**
 * Puts the payment activity on a worker (the payout worker's task queue, or any that runs a paying workflow), and
 * the activity options a paying workflow uses, so no caller names the implementation or guesses the timeouts.
 */
public final class PaymentWorker {

    private PaymentWorker() {}

    public static void register(Worker worker, PaymentActivities activities) {
        worker.registerActivitiesImplementations(activities);
    }

    /**
     * Options for {@code Workflow.newActivityStub(PaymentActivities.class, ...)}: a heartbeat timeout well above the
     * track interval (a dead worker is noticed and the retry tracks, never resends), a day for an HTLC that hangs
     * until its CLTV expiry, retries without limit (every retry is safe), and none for a conflicting order.
     */
    public static ActivityOptions activityOptions() {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofDays(1))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(1))
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .setDoNotRetry(PaymentActivities.CONFLICTING_ORDER)
                        .build())
                .build();
    }
}
