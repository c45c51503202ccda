package com.flash.backoffice.workflows.invoice;

import java.util.Objects;

/** A reorg or a double spend removed a payment; it no longer counts toward the amount. */
public record PaymentDropped(String paymentRef, String reason) {

    public PaymentDropped {
        Objects.requireNonNull(paymentRef, "paymentRef");
    }
}
