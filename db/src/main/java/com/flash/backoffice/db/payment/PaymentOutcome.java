package com.flash.backoffice.db.payment;

import java.util.Objects;

/** The final state of a payment, as stored once. */
public record PaymentOutcome(PaymentState status, long feeMsat, String proof, String failure, String detail) {

    public PaymentOutcome {
        Objects.requireNonNull(status, "status");
        if (!status.isFinal()) {
            throw new IllegalArgumentException("an outcome is final: " + status);
        }
        if (status == PaymentState.SUCCEEDED && (proof == null || proof.isBlank())) {
            throw new IllegalArgumentException("a succeeded payment has its proof");
        }
        if (status == PaymentState.FAILED && (failure == null || failure.isBlank())) {
            throw new IllegalArgumentException("a failed payment names its failure");
        }
        if (feeMsat < 0) {
            throw new IllegalArgumentException("feeMsat must not be negative: " + feeMsat);
        }
        if (detail != null && detail.length() > 1000) {
            detail = detail.substring(0, 1000);
        }
    }

    public static PaymentOutcome succeeded(long feeMsat, String proof) {
        return new PaymentOutcome(PaymentState.SUCCEEDED, feeMsat, proof, null, null);
    }

    public static PaymentOutcome failed(String failure, String detail) {
        return new PaymentOutcome(PaymentState.FAILED, 0, null, failure, detail);
    }
}
