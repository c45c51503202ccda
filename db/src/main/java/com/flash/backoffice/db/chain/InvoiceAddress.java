package com.flash.backoffice.db.chain;

import java.time.Instant;
import java.util.Objects;

/** The on-chain address derived for an invoice at {@code derivationIndex} of its merchant's watch-only key. */
public record InvoiceAddress(
        String address, String invoiceId, String merchantId, long derivationIndex, Instant createdAt) {

    public InvoiceAddress {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(createdAt, "createdAt");
        if (derivationIndex < 0) {
            throw new IllegalArgumentException("derivationIndex cannot be negative: " + derivationIndex);
        }
    }
}
