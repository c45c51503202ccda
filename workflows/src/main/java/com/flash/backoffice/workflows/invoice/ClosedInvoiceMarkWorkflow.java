package com.flash.backoffice.workflows.invoice;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Staff marking of an invoice whose own workflow has closed (its monitoring window ended): starts from the state
 * that workflow saved last and applies the same {@link InvoiceRules#mark} with the same bookkeeping. Id
 * {@code invoice-<invoiceId>-mark}, one run at a time, so two marks of the same invoice never interleave.
 */
@WorkflowInterface
public interface ClosedInvoiceMarkWorkflow {

    static String workflowId(String invoiceId) {
        return InvoiceWorkflow.workflowId(invoiceId) + "-mark";
    }

    @WorkflowMethod
    MarkResult mark(String invoiceId, MarkRequest request);

    /** Staff (or the hourly timer) ask a mark parked on a refused ledger posting to try it again. */
    @SignalMethod
    void retryPosting();
}
