package com.flash.backoffice.workflows.invoice;

import io.temporal.testing.WorkflowReplayer;
import org.junit.jupiter.api.Test;

/**
 * Histories recorded by the invoice workflow as shipped before a change to its commands replay on today's code:
 * {@code Workflow.getVersion} keeps their old branch.
 */
class InvoiceWorkflowReplayTest {

    /**
     * Recorded on main before settlements were reversed (HIGH, settled at 0 confirmations, then its payment
     * dropped): it ended Settled with one posting, and replays without the reversal's posting and notice.
     */
    @Test
    void a_drop_on_a_settled_invoice_recorded_before_reversals_replays_without_reversing() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(
                "replay/invoice-settled-at-0-conf-then-dropped-before-reversals.json", InvoiceWorkflowImpl.class);
    }
}
