package com.flash.backoffice.workflows.payment;

import java.util.Locale;

/**
 * The parts of a BOLT11 invoice an LNURL-pay check needs.
 *
 * @param amountMsat the invoice's amount; 0 for an invoice without one
 * @param descriptionHash the {@code h} tag in lower-case hex; null or empty when the invoice has none
 */
public record DecodedBolt11(long amountMsat, String descriptionHash) {

    public DecodedBolt11 {
        if (amountMsat < 0) {
            throw new IllegalArgumentException("amountMsat must not be negative: " + amountMsat);
        }
        descriptionHash = descriptionHash == null || descriptionHash.isBlank()
                ? null
                : descriptionHash.strip().toLowerCase(Locale.ROOT);
    }
}
