package com.flash.backoffice.db.payout;

import java.util.Objects;

/** A payout request as validated: the destination is checked before this is built. */
public record NewPayout(
        String merchantId,
        String destination,
        PayoutDestinationKind destinationKind,
        long amountMsat,
        long feeLimitMsat,
        PayoutOrigin origin,
        String requestedBy) {

    public NewPayout {
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(destinationKind, "destinationKind");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(requestedBy, "requestedBy");
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        if (feeLimitMsat < 0) {
            throw new IllegalArgumentException("feeLimitMsat must not be negative: " + feeLimitMsat);
        }
    }
}
