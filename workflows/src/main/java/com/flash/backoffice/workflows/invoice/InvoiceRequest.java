package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * What the invoice workflow needs of a stored invoice: its resolved terms. {@code amountMsat} null is a
 * top-up invoice; tolerance and fee are basis points (1 % = 100). {@code onchainCustody} is the custody of the
 * invoice's on-chain address, fixed when it was allocated; inputs serialized before it existed read as the merchant's
 * wallet, which is what every address was then.
 */
public record InvoiceRequest(
        String invoiceId,
        String merchantId,
        Long amountMsat,
        int toleranceBasisPoints,
        SpeedPolicy speedPolicy,
        int processingFeeBasisPoints,
        Instant expiresAt,
        Instant monitoringUntil,
        OnchainCustody onchainCustody) {

    public InvoiceRequest {
        if (onchainCustody == null) {
            onchainCustody = OnchainCustody.MERCHANT_WALLET;
        }
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

    /** The terms of an invoice whose on-chain address (if any) is the merchant's own. */
    public static InvoiceRequest of(Invoice invoice) {
        return of(invoice, OnchainCustody.MERCHANT_WALLET);
    }

    /** {@code custody}: of the invoice's allocated address ({@code InvoiceAddressRepository#custodyOf}). */
    public static InvoiceRequest of(Invoice invoice, OnchainCustody custody) {
        return new InvoiceRequest(
                invoice.id(),
                invoice.merchantId(),
                invoice.amountMsat(),
                invoice.toleranceBasisPoints(),
                invoice.speedPolicy(),
                invoice.processingFeeBasisPoints(),
                invoice.expiresAt(),
                invoice.monitoringUntil(),
                custody);
    }
}
