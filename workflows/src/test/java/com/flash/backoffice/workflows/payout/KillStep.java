package com.flash.backoffice.workflows.payout;

/** Where the kill test's worker dies while it pays a payout, in the order a payment passes them. */
enum KillStep {
    /** The intent is stored and the node never saw the hash: the send is about to go out. */
    BEFORE_SEND,
    /** The node took the payment (tracked IN_FLIGHT or SUCCEEDED) and the worker never heard back. */
    AFTER_LND_ACCEPTED,
    /** The payment's final state is known and stored, and the activity did not return it yet. */
    BEFORE_ACTIVITY_COMPLETED,
    /** The payment activity's result was reported: the worker dies as the payout's completion is being saved. */
    AFTER_ACTIVITY_COMPLETED;

    static final String MARKER = "KILLPOINT";

    /** The line a worker prints when it is about to send a payment the node already has (it never should). */
    static final String RESEND = "RESEND";

    /** The line the worker prints on its stdout when it stops at this step for {@code paymentId}. */
    String marker(String paymentId) {
        return MARKER + " " + name() + " " + paymentId;
    }
}
