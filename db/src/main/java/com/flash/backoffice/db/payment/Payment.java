package com.flash.backoffice.db.payment;

import java.time.Instant;

/**
 * A recorded payment.
 *
 * @param bolt11 the invoice paid (the destination, or what a Lightning address resolved to); null until known
 * @param paymentHash the BOLT11's hash, stored before it is sent; null until then and for on-chain
 * @param batchId the on-chain batch that pays it; null until a batch run gathers it, and for Lightning
 * @param feeMsat the fee actually paid, once succeeded
 * @param proof the preimage (Lightning) or transaction id (on-chain), once succeeded
 * @param failure the name of the workflows' PaymentFailure, once failed
 * @param detail the node's own words on a failure
 */
public record Payment(
        String paymentId,
        PaymentKind kind,
        String destination,
        long amountMsat,
        long feeLimitMsat,
        String bolt11,
        String paymentHash,
        Long batchId,
        PaymentState status,
        Long feeMsat,
        String proof,
        String failure,
        String detail,
        Instant createdAt,
        Instant updatedAt) {

    public boolean isFinal() {
        return status.isFinal();
    }
}
