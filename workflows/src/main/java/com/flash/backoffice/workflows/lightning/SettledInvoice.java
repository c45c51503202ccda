package com.flash.backoffice.workflows.lightning;

import java.time.Instant;
import java.util.Objects;

/** A settled Lightning invoice: what was paid (msat), and its place in the node's settle order. */
public record SettledInvoice(String paymentHash, long amountPaidMsat, long settleIndex, Instant settledAt) {

    public SettledInvoice {
        Objects.requireNonNull(paymentHash, "paymentHash");
        if (amountPaidMsat <= 0) {
            throw new IllegalArgumentException("a settled invoice has a positive amount: " + amountPaidMsat);
        }
    }
}
