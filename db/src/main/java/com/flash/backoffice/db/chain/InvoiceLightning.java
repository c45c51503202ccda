package com.flash.backoffice.db.chain;

import java.time.Instant;
import java.util.Objects;

/** The BOLT11 invoice created on Lightning node {@code nodeId} for a Flash invoice; the hash is lower-case hex. */
public record InvoiceLightning(
        String paymentHash,
        String invoiceId,
        String nodeId,
        String bolt11,
        long amountMsat,
        long addIndex,
        Instant expiresAt,
        Instant createdAt) {

    public InvoiceLightning {
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(nodeId, "nodeId");
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(createdAt, "createdAt");
        if (!paymentHash.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("a payment hash is 64 lower-case hex digits: " + paymentHash);
        }
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
    }
}
