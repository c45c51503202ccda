package com.flash.backoffice.workflows.invoice;

import java.util.Objects;

/** A new block (or a reorg) changed how many confirmations an on-chain payment has. */
public record ConfirmationsChanged(String paymentRef, int confirmations) {

    public ConfirmationsChanged {
        Objects.requireNonNull(paymentRef, "paymentRef");
        if (confirmations < 0) {
            throw new IllegalArgumentException("confirmations cannot be negative: " + confirmations);
        }
    }
}
