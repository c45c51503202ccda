package com.flash.backoffice.workflows.payment;

import io.temporal.activity.ActivityInterface;

/**
 * Sending money, exactly once (ARCHITECTURE.md, "Sending money"). Every caller (payouts, refunds, card taps,
 * rewards) pays through this one activity.
 */
@ActivityInterface(namePrefix = "Payment")
public interface PaymentActivities {

    /** The task queue the payment feature's worker polls; callers set it on their activity stubs. */
    String TASK_QUEUE = "payments";

    /**
     * The {@code ApplicationFailure} type (non-retryable) of an order whose payment id is recorded with another
     * destination or amount: a caller's bug, never a payment outcome (the first order may well have been paid).
     */
    String CONFLICTING_ORDER = "PaymentConflictingOrder";

    /**
     * Records the intent under {@code order.paymentId()}, asks the node whether that id was already sent, sends
     * only when nothing exists, and tracks the payment to its final state (heartbeating). A retry after a crash
     * at any point finds the first attempt and tracks it; it never sends again.
     */
    PaymentResult pay(PaymentOrder order);
}
