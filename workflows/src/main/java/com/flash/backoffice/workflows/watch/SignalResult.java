package com.flash.backoffice.workflows.watch;

/** What became of a signal to an invoice workflow. */
public enum SignalResult {
    /** The workflow has the signal in its history. */
    DELIVERED,
    /** No running workflow has that invoice id (never started, or its monitoring window closed): nothing to do. */
    NO_RUNNING_WORKFLOW
}
