package com.flash.backoffice.db.invoice;

import java.util.List;
import java.util.Objects;

/** The invoice workflow's view of an invoice at {@code revision}, with all its payments. */
public record InvoiceStateUpdate(
        String invoiceId,
        int revision,
        InvoiceStatus status,
        InvoiceAdditionalStatus additionalStatus,
        long paidMsat,
        String statusReason,
        List<InvoicePayment> payments) {

    public InvoiceStateUpdate {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(additionalStatus, "additionalStatus");
        payments = List.copyOf(payments);
    }
}
