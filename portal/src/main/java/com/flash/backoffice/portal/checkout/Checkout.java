package com.flash.backoffice.portal.checkout;

import java.time.Instant;

/**
 * What the public checkout page may show of an invoice: nothing about other invoices, the merchant's settings
 * or the staff. {@code dueMsat} is what is still to pay; null for a top-up invoice.
 */
public record Checkout(
        String invoiceId,
        String merchantName,
        Long amountMsat,
        String fiatAmount,
        String status,
        String additionalStatus,
        long paidMsat,
        Long dueMsat,
        int confirmations,
        int confirmationsNeeded,
        Instant expiresAt,
        String address,
        String bolt11,
        String redirectUrl) {

    public boolean isOpen() {
        return status.equals("New");
    }
}
