package com.flash.backoffice.portal.invoice;

import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStartOutbox;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.workflows.bitcoin.InvoiceAddresses;
import com.flash.backoffice.workflows.invoice.InvoiceRequest;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflows;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.LightningNodeException;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * What follows a stored invoice: its payment methods (an address, a BOLT11) and its workflow, then its row leaves the
 * {@link InvoiceStartOutbox}. Each step returns what exists when it ran before, so the request, a retry with its
 * Idempotency-Key and the sweep of unfinished invoices may all run it.
 */
@Component
class InvoiceCompletion {

    private static final Logger log = LoggerFactory.getLogger(InvoiceCompletion.class);
    static final int SWEEP_BATCH = 100;

    private final InvoiceRepository invoices;
    private final InvoiceStartOutbox outbox;
    private final InvoiceAddresses invoiceAddresses;
    private final LightningInvoices lightningInvoices;
    private final InvoiceAddressRepository addresses;
    private final WorkflowClient workflows;

    InvoiceCompletion(
            InvoiceRepository invoices,
            InvoiceStartOutbox outbox,
            InvoiceAddresses invoiceAddresses,
            LightningInvoices lightningInvoices,
            InvoiceAddressRepository addresses,
            WorkflowClient workflows) {
        this.invoices = invoices;
        this.outbox = outbox;
        this.invoiceAddresses = invoiceAddresses;
        this.lightningInvoices = lightningInvoices;
        this.addresses = addresses;
        this.workflows = workflows;
    }

    /** Payment methods, workflow, then out of the outbox; throws when a step fails (the outbox keeps it). */
    void finish(Invoice invoice) {
        offerPaymentMethods(invoice);
        startWorkflow(invoice);
        outbox.remove(invoice.id());
    }

    /**
     * As {@link #finish}, after the invoice committed: a failure here must not turn the answer into an error, since the
     * invoice exists; the sweep finishes it.
     */
    void finishAfterCommit(Invoice invoice) {
        try {
            finish(invoice);
        } catch (RuntimeException e) {
            log.warn(
                    "Invoice {} is stored; its payment methods and workflow follow from the sweep of unfinished"
                            + " invoices ({})",
                    invoice.id(),
                    e.toString());
        }
    }

    /** Finishes the invoices stored before {@code before} whose creation did not finish; returns how many. */
    int finishUnfinished(Instant before) {
        List<String> due = outbox.due(before, SWEEP_BATCH);
        for (String invoiceId : due) {
            invoices.findById(invoiceId).ifPresentOrElse(this::finish, () -> outbox.remove(invoiceId));
        }
        return due.size();
    }

    void startWorkflow(Invoice invoice) {
        OnchainCustody custody = addresses.custodyOf(invoice.id()).orElse(OnchainCustody.MERCHANT_WALLET);
        InvoiceWorkflows.start(workflows, InvoiceRequest.of(invoice, custody));
    }

    /** An unreachable Lightning node leaves the invoice payable on chain, and an empty wallet on Lightning only. */
    private void offerPaymentMethods(Invoice invoice) {
        try {
            invoiceAddresses.allocate(invoice.id(), invoice.merchantId());
        } catch (LightningNodeException e) {
            log.warn("Invoice {}: no address of Flash's wallet ({}); Lightning only", invoice.id(), e.getMessage());
        }
        try {
            lightningInvoices.create(invoice, "Flash invoice " + invoice.id());
        } catch (LightningNodeException e) {
            log.warn("Invoice {}: no Lightning invoice ({}); on-chain payment only", invoice.id(), e.getMessage());
        }
    }
}
