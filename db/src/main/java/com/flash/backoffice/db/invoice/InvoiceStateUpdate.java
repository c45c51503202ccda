package com.flash.backoffice.db.invoice;

import java.util.List;
import java.util.Objects;

/**
 * The invoice workflow's view of an invoice at {@code revision}, with all its payments, and its whole state as JSON
 * ({@code workflowStateJson}, kept so that marking can continue from it after the workflow has closed).
 * {@code attentionReason} non-null: the workflow waits for staff because the ledger refused a posting.
 */
public record InvoiceStateUpdate(
        String invoiceId,
        int revision,
        InvoiceStatus status,
        InvoiceAdditionalStatus additionalStatus,
        long paidMsat,
        String statusReason,
        List<InvoicePayment> payments,
        String workflowStateJson,
        String attentionReason) {

    public InvoiceStateUpdate {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(additionalStatus, "additionalStatus");
        Objects.requireNonNull(workflowStateJson, "workflowStateJson");
        payments = List.copyOf(payments);
    }

    /** An update of an invoice that needs no attention. */
    public InvoiceStateUpdate(
            String invoiceId,
            int revision,
            InvoiceStatus status,
            InvoiceAdditionalStatus additionalStatus,
            long paidMsat,
            String statusReason,
            List<InvoicePayment> payments,
            String workflowStateJson) {
        this(invoiceId, revision, status, additionalStatus, paidMsat, statusReason, payments, workflowStateJson, null);
    }
}
