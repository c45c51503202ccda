package com.flash.backoffice.workflows.invoice;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per invoice, id {@code invoice-<invoiceId>}, from creation to the end of its monitoring
 * window. Watchers report what they see through signals; they never decide a status.
 */
@WorkflowInterface
public interface InvoiceWorkflow {

    String TASK_QUEUE = "invoices";

    static String workflowId(String invoiceId) {
        return "invoice-" + invoiceId;
    }

    /** Returns the final state when the monitoring window closes. */
    @WorkflowMethod
    InvoiceState run(InvoiceRequest request);

    @SignalMethod
    void paymentSeen(PaymentObserved payment);

    @SignalMethod
    void confirmations(ConfirmationsChanged change);

    @SignalMethod
    void paymentDropped(PaymentDropped drop);

    /** Staff marking; returns once the new state is stored (or at once when refused). */
    @UpdateMethod
    MarkResult mark(MarkRequest request);

    /** Staff (or the hourly timer) ask a workflow that needs attention to try its refused ledger posting again. */
    @SignalMethod
    void retryPosting();

    @QueryMethod
    InvoiceState state();
}
