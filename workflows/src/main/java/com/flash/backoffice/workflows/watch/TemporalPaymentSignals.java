package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.workflows.invoice.ConfirmationsChanged;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import com.flash.backoffice.workflows.invoice.PaymentDropped;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PaymentSignals} as Temporal signals to {@code invoice-<id>}. */
public class TemporalPaymentSignals implements PaymentSignals {

    private static final Logger log = LoggerFactory.getLogger(TemporalPaymentSignals.class);

    private final WorkflowClient client;

    public TemporalPaymentSignals(WorkflowClient client) {
        this.client = client;
    }

    @Override
    public SignalResult paymentSeen(String invoiceId, PaymentObserved payment) {
        return signal(invoiceId, "paymentSeen " + payment.paymentRef(), workflow -> workflow.paymentSeen(payment));
    }

    @Override
    public SignalResult confirmations(String invoiceId, ConfirmationsChanged change) {
        return signal(invoiceId, "confirmations " + change.paymentRef(), workflow -> workflow.confirmations(change));
    }

    @Override
    public SignalResult paymentDropped(String invoiceId, PaymentDropped drop) {
        return signal(invoiceId, "paymentDropped " + drop.paymentRef(), workflow -> workflow.paymentDropped(drop));
    }

    private SignalResult signal(String invoiceId, String what, Consumer<InvoiceWorkflow> call) {
        InvoiceWorkflow workflow = client.newWorkflowStub(InvoiceWorkflow.class, InvoiceWorkflow.workflowId(invoiceId));
        try {
            call.accept(workflow);
            return SignalResult.DELIVERED;
        } catch (WorkflowNotFoundException e) {
            log.info("invoice {}: no running workflow for {} (not started, or already completed)", invoiceId, what);
            return SignalResult.NO_RUNNING_WORKFLOW;
        }
    }
}
