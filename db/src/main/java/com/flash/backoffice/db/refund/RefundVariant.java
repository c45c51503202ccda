package com.flash.backoffice.db.refund;

import java.util.Arrays;
import java.util.Optional;

/** BTCPay's refund variants; {@link #greenfieldName()} is the name its API uses ({@code refundVariant}). */
public enum RefundVariant {
    /** The bitcoin amount paid. */
    RATE_THEN("RateThen"),
    /** The fiat value paid, in bitcoin at today's rate. */
    CURRENT_RATE("CurrentRate"),
    /** The fiat value paid; its bitcoin amount is fixed at approval. */
    FIAT("Fiat"),
    /** The part paid above the invoice amount (PaidOver invoices only). */
    OVERPAID_AMOUNT("OverpaidAmount"),
    /** An amount and currency the agent chooses. */
    CUSTOM("Custom");

    private final String greenfieldName;

    RefundVariant(String greenfieldName) {
        this.greenfieldName = greenfieldName;
    }

    public String greenfieldName() {
        return greenfieldName;
    }

    public static Optional<RefundVariant> fromGreenfield(String name) {
        return Arrays.stream(values())
                .filter(v -> v.greenfieldName.equalsIgnoreCase(name == null ? "" : name.strip()))
                .findFirst();
    }
}
