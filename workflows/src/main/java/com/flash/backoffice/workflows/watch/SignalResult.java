package com.flash.backoffice.workflows.watch;

/** What became of a signal to an invoice workflow. */
public enum SignalResult {
    /** The workflow has the signal in its history. */
    DELIVERED,
    /**
     * No running workflow has that invoice id (never started, or its monitoring window closed); for a payment, one
     * still in the mempool, which becomes a suspense receipt once mined.
     */
    NO_RUNNING_WORKFLOW,
    /** No running workflow: the payment was recorded as a suspense receipt for staff to resolve. */
    SUSPENSE_RECEIPT
}
