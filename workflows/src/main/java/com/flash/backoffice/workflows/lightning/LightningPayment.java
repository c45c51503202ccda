package com.flash.backoffice.workflows.lightning;

import java.util.Objects;

/**
 * An outgoing payment as the node knows it.
 *
 * @param feeMsat routing fee paid (when succeeded)
 * @param preimage lower-case hex, the proof of payment (when succeeded)
 * @param failureReason why it failed (when failed)
 * @param detail the node's own words on a failure; null otherwise
 */
public record LightningPayment(
        String paymentHash,
        LightningPaymentStatus status,
        long amountMsat,
        long feeMsat,
        String preimage,
        LightningFailureReason failureReason,
        String detail) {

    public LightningPayment {
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(status, "status");
        if (status == LightningPaymentStatus.SUCCEEDED && (preimage == null || preimage.isBlank())) {
            throw new IllegalArgumentException("a succeeded payment has its preimage");
        }
        if (status == LightningPaymentStatus.FAILED && failureReason == null) {
            throw new IllegalArgumentException("a failed payment names its reason");
        }
    }

    public static LightningPayment inFlight(String paymentHash, long amountMsat) {
        return new LightningPayment(paymentHash, LightningPaymentStatus.IN_FLIGHT, amountMsat, 0, null, null, null);
    }

    public static LightningPayment succeeded(String paymentHash, long amountMsat, long feeMsat, String preimage) {
        return new LightningPayment(
                paymentHash, LightningPaymentStatus.SUCCEEDED, amountMsat, feeMsat, preimage, null, null);
    }

    public static LightningPayment failed(
            String paymentHash, long amountMsat, LightningFailureReason reason, String detail) {
        return new LightningPayment(paymentHash, LightningPaymentStatus.FAILED, amountMsat, 0, null, reason, detail);
    }

    public boolean isFinal() {
        return status.isFinal();
    }
}
