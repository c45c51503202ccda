package com.flash.backoffice.workflows.lightning;

import java.time.Duration;
import java.util.Objects;

/**
 * What to send: {@code bolt11}, paying {@code amountMsat} only when the invoice names no amount (0 otherwise),
 * spending at most {@code feeLimitMsat} in routing fees, and giving up when no route succeeded within
 * {@code timeout}.
 */
public record OutgoingPayment(String bolt11, long amountMsat, long feeLimitMsat, Duration timeout) {

    public OutgoingPayment {
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(timeout, "timeout");
        if (amountMsat < 0) {
            throw new IllegalArgumentException("amountMsat must not be negative: " + amountMsat);
        }
        if (feeLimitMsat < 0) {
            throw new IllegalArgumentException("feeLimitMsat must not be negative: " + feeLimitMsat);
        }
        if (timeout.toSeconds() < 1) {
            throw new IllegalArgumentException("timeout must be at least one second: " + timeout);
        }
    }
}
