package com.flash.backoffice.db.payment;

import java.util.Objects;

/** The intent to pay {@code amountMsat} to {@code destination}, under the business id {@code paymentId}. */
public record NewPayment(String paymentId, PaymentKind kind, String destination, long amountMsat, long feeLimitMsat) {

    public NewPayment {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(destination, "destination");
        if (paymentId.isBlank() || destination.isBlank()) {
            throw new IllegalArgumentException("a payment names its id and destination");
        }
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        if (feeLimitMsat < 0) {
            throw new IllegalArgumentException("feeLimitMsat must not be negative: " + feeLimitMsat);
        }
    }
}
