package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * What the invoice workflow needs of a stored invoice: its resolved terms. {@code amountMsat} null is a
 * top-up invoice; tolerance and fee are basis points (1 % = 100).
 */
public record InvoiceRequest(
        String invoiceId,
        String merchantId,
        Long amountMsat,
        int toleranceBasisPoints,
        SpeedPolicy speedPolicy,
        int processingFeeBasisPoints,
        Instant expiresAt,
        Instant monitoringUntil) {

    public InvoiceRequest {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(speedPolicy, "speedPolicy");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(monitoringUntil, "monitoringUntil");
        if (amountMsat != null && amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive, or null for a top-up invoice");
        }
        if (monitoringUntil.isBefore(expiresAt)) {
            throw new IllegalArgumentException("the monitoring window ends before the invoice expires");
        }
    }

    public static InvoiceRequest of(Invoice invoice) {
        return new InvoiceRequest(
                invoice.id(),
                invoice.merchantId(),
                invoice.amountMsat(),
                invoice.toleranceBasisPoints(),
                invoice.speedPolicy(),
                invoice.processingFeeBasisPoints(),
                invoice.expiresAt(),
                invoice.monitoringUntil());
    }
}
