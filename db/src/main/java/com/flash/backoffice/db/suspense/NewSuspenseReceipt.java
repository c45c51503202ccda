package com.flash.backoffice.db.suspense;

import com.flash.backoffice.db.invoice.PaymentMethod;
import java.time.Instant;
import java.util.Objects;

/**
 * A receipt to put in suspense. {@code receiptKey} makes recording idempotent (for example
 * {@code invoice-<id>-overpaid} or {@code chain-<txid>:<vout>}); {@code ledgerSourceKey} is the entry that booked
 * it to the suspense account when {@code custodial}, and null otherwise (the coins are in the merchant's wallet).
 */
public record NewSuspenseReceipt(
        String receiptKey,
        SuspenseKind kind,
        boolean custodial,
        String invoiceId,
        String merchantId,
        PaymentMethod paymentMethod,
        String paymentRef,
        String address,
        long amountMsat,
        String ledgerSourceKey,
        Instant receivedAt) {

    public NewSuspenseReceipt {
        Objects.requireNonNull(receiptKey, "receiptKey");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(paymentMethod, "paymentMethod");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("a receipt in suspense has a positive amount");
        }
        if (custodial != (ledgerSourceKey != null)) {
            throw new IllegalArgumentException("a custodial receipt names its ledger entry, a note names none");
        }
    }
}
