package com.flash.backoffice.workflows.lightning;

import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import java.time.Instant;
import java.util.Objects;

/**
 * A BOLT11 invoice as the node decoded it.
 *
 * @param paymentHash lower-case hex
 * @param amountMsat what the invoice asks for; 0 when it names no amount (the payer chooses)
 * @param destination the public key (hex) of the node that issued it
 * @param descriptionHash the {@code h} tag (lower-case hex), or null when the invoice carries a plain description
 */
public record DecodedInvoice(
        ChainNetwork network,
        String paymentHash,
        long amountMsat,
        Instant createdAt,
        Instant expiresAt,
        String destination,
        String description,
        String descriptionHash) {

    public DecodedInvoice {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(paymentHash, "paymentHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(destination, "destination");
        if (amountMsat < 0) {
            throw new IllegalArgumentException("amountMsat must not be negative: " + amountMsat);
        }
    }

    public boolean hasAmount() {
        return amountMsat > 0;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
