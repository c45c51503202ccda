package com.flash.backoffice.db.chain;

import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.util.Objects;

/**
 * An on-chain payment an invoice workflow has stored and that may still change (more confirmations, a reorg):
 * what a chain watcher reloads when it starts. {@code paymentRef} is {@code txid:vout}.
 */
public record PendingChainPayment(
        String paymentRef,
        String invoiceId,
        String address,
        long amountMsat,
        int confirmations,
        boolean rbf,
        SpeedPolicy speedPolicy) {

    public PendingChainPayment {
        Objects.requireNonNull(paymentRef, "paymentRef");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(speedPolicy, "speedPolicy");
    }
}
