package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.workflows.invoice.ConfirmationsChanged;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import com.flash.backoffice.workflows.invoice.PaymentDropped;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PaymentSignals} as Temporal signals to {@code invoice-<id>}. A payment for an invoice whose workflow no
 * longer runs (its monitoring window closed) is never dropped: once mined (at once on Lightning) it becomes a
 * suspense receipt for staff to resolve.
 */
public class TemporalPaymentSignals implements PaymentSignals {

    private static final Logger log = LoggerFactory.getLogger(TemporalPaymentSignals.class);

    private final WorkflowClient client;
    private final AfterMonitoringReceipts suspense;

    public TemporalPaymentSignals(WorkflowClient client, AfterMonitoringReceipts suspense) {
        this.client = client;
        this.suspense = suspense;
    }

    @Override
    public SignalResult paymentSeen(String invoiceId, PaymentObserved payment) {
        SignalResult result = signal(invoiceId, workflow -> workflow.paymentSeen(payment));
        if (result == SignalResult.DELIVERED) {
            return result;
        }
        if (payment.method() == PaymentMethod.BTC_CHAIN && payment.confirmations() == 0) {
            // an unconfirmed output may never be mined: it goes to suspense when its block comes
            log.warn(
                    "invoice {}: payment {} of {} msat to {} is in the mempool after the invoice's workflow ended;"
                            + " it goes to suspense once mined",
                    invoiceId,
                    payment.paymentRef(),
                    payment.amountMsat(),
                    payment.destination());
            return result;
        }
        AfterMonitoringReceipts.Recorded recorded = suspense.record(invoiceId, payment);
        if (recorded.firstSeen()) {
            log.warn(
                    "invoice {}: payment {} of {} msat arrived after the invoice's workflow ended;"
                            + " suspense receipt {} ({})",
                    invoiceId,
                    payment.paymentRef(),
                    payment.amountMsat(),
                    recorded.receipt().id(),
                    recorded.receipt().custodial()
                            ? "booked to unallocated receipts until staff allocate it"
                            : "a note: the coins are in the merchant's wallet");
        } else {
            log.info(
                    "invoice {}: payment {} seen again; already suspense receipt {}",
                    invoiceId,
                    payment.paymentRef(),
                    recorded.receipt().id());
        }
        return SignalResult.SUSPENSE_RECEIPT;
    }

    @Override
    public SignalResult confirmations(String invoiceId, ConfirmationsChanged change) {
        SignalResult result = signal(invoiceId, workflow -> workflow.confirmations(change));
        if (result == SignalResult.NO_RUNNING_WORKFLOW) {
            log.info("invoice {}: no running workflow for confirmations of {}", invoiceId, change.paymentRef());
        }
        return result;
    }

    @Override
    public SignalResult paymentDropped(String invoiceId, PaymentDropped drop) {
        SignalResult result = signal(invoiceId, workflow -> workflow.paymentDropped(drop));
        if (result == SignalResult.NO_RUNNING_WORKFLOW) {
            suspense.findOnChain(drop.paymentRef())
                    .ifPresentOrElse(
                            receipt -> log.warn(
                                    "invoice {}: payment {} dropped ({}) but it is suspense receipt {}:"
                                            + " staff must not allocate it",
                                    invoiceId,
                                    drop.paymentRef(),
                                    drop.reason(),
                                    receipt.id()),
                            () -> log.info(
                                    "invoice {}: no running workflow for the drop of {}",
                                    invoiceId,
                                    drop.paymentRef()));
        }
        return result;
    }

    private SignalResult signal(String invoiceId, Consumer<InvoiceWorkflow> call) {
        InvoiceWorkflow workflow = client.newWorkflowStub(InvoiceWorkflow.class, InvoiceWorkflow.workflowId(invoiceId));
        try {
            call.accept(workflow);
            return SignalResult.DELIVERED;
        } catch (WorkflowNotFoundException e) {
            return SignalResult.NO_RUNNING_WORKFLOW;
        }
    }
}
