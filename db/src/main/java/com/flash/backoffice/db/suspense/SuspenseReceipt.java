package com.flash.backoffice.db.suspense;

import com.flash.backoffice.db.invoice.PaymentMethod;
import java.time.Instant;

/** A receipt in suspense as stored; {@code openMsat()} is what staff have not yet allocated or refunded. */
public record SuspenseReceipt(
        long id,
        String receiptKey,
        SuspenseKind kind,
        boolean custodial,
        String invoiceId,
        String merchantId,
        PaymentMethod paymentMethod,
        String paymentRef,
        String address,
        long amountMsat,
        long resolvedMsat,
        String ledgerSourceKey,
        Instant receivedAt,
        int revision) {

    public long openMsat() {
        return Math.subtractExact(amountMsat, resolvedMsat);
    }
}
