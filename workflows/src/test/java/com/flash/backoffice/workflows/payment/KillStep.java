package com.flash.backoffice.workflows.payment;

/**
 * Where a kill test's worker dies while it pays (a payout, a card tap), in the order a payment passes them.
 */
public enum KillStep {
    /** The intent is stored and the node never saw the hash: the send is about to go out. */
    BEFORE_SEND,
    /** The node took the payment (tracked IN_FLIGHT or SUCCEEDED) and the worker never heard back. */
    AFTER_LND_ACCEPTED,
    /** The payment's final state is known and stored, and the activity did not return it yet. */
    BEFORE_ACTIVITY_COMPLETED,
    /** The payment activity's result was reported: the worker dies as its caller saves the outcome (a payout's
     * completion, a tap's booking). */
    AFTER_ACTIVITY_COMPLETED;

    public static final String MARKER = "KILLPOINT";

    /** The line a worker prints when it is about to send a payment the node already has (it never should). */
    public static final String RESEND = "RESEND";

    /** The line the worker prints on its stdout when it stops at this step for {@code paymentId}. */
    public String marker(String paymentId) {
        return MARKER + " " + name() + " " + paymentId;
    }
}
