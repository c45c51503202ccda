package com.flash.backoffice.workflows.payment;

import java.util.Objects;

/**
 * The one thing the payment feature does: pay {@code amountMsat} to {@code destination} exactly once.
 * {@code paymentId} is the business id of what is paid ({@code payout-<id>}, later {@code refund-<id>},
 * {@code tap-<id>}); a second order with the same id finds the first attempt and never sends again.
 *
 * @param destination a BOLT11 invoice, a Lightning address (LUD-16), an LNURL-pay (LUD-06) or an on-chain address
 * @param feeLimitMsat the most Flash pays in routing or network fees on top of the amount
 */
public record PaymentOrder(String paymentId, String destination, long amountMsat, long feeLimitMsat) {

    public PaymentOrder {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(destination, "destination");
        if (paymentId.isBlank()) {
            throw new IllegalArgumentException("paymentId is blank");
        }
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        if (feeLimitMsat < 0) {
            throw new IllegalArgumentException("feeLimitMsat must not be negative: " + feeLimitMsat);
        }
    }
}
