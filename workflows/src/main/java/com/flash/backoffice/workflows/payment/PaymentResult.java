package com.flash.backoffice.workflows.payment;

import java.util.Objects;

/**
 * The final state of a payment.
 *
 * @param feeMsat the routing fee (Lightning) or network fee (on-chain) actually paid; 0 when failed
 * @param proof the preimage in hex (Lightning) or the transaction id (on-chain); null when failed
 * @param failure why it failed; null when it succeeded
 * @param detail the node's own words on a failure, for the timeline; null when it succeeded
 */
public record PaymentResult(
        String paymentId, PaymentStatus status, long feeMsat, String proof, PaymentFailure failure, String detail) {

    public PaymentResult {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(status, "status");
        if (status == PaymentStatus.FAILED && failure == null) {
            throw new IllegalArgumentException("a failed payment names its failure");
        }
        if (feeMsat < 0) {
            throw new IllegalArgumentException("feeMsat must not be negative: " + feeMsat);
        }
    }

    public static PaymentResult succeeded(String paymentId, long feeMsat, String proof) {
        return new PaymentResult(paymentId, PaymentStatus.SUCCEEDED, feeMsat, proof, null, null);
    }

    public static PaymentResult failed(String paymentId, PaymentFailure failure, String detail) {
        return new PaymentResult(paymentId, PaymentStatus.FAILED, 0, null, failure, detail);
    }

    public boolean succeeded() {
        return status == PaymentStatus.SUCCEEDED;
    }
}
