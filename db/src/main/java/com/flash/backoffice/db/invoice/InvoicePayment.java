package com.flash.backoffice.db.invoice;

import java.time.Instant;
import java.util.Objects;

/** A payment as stored; unique per invoice by {@code paymentRef} (txid:vout or the Lightning payment hash). */
public record InvoicePayment(
        PaymentMethod method,
        String paymentRef,
        String destination,
        long amountMsat,
        int confirmations,
        boolean rbf,
        PaymentStatus status,
        Instant seenAt) {

    public InvoicePayment {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(paymentRef, "paymentRef");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(seenAt, "seenAt");
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("a payment amount must be positive: " + amountMsat);
        }
        if (confirmations < 0) {
            throw new IllegalArgumentException("confirmations cannot be negative: " + confirmations);
        }
    }
}
