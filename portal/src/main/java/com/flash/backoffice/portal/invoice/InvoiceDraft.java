package com.flash.backoffice.portal.invoice;

import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.math.BigDecimal;

/**
 * An invoice as a client asks for it, before validation. {@code amount} is a decimal string (null or blank: a
 * top-up invoice); {@code currency} is BTC, SATS or a fiat code (null: the merchant's default). Overrides left
 * null take the merchant's settings.
 */
public record InvoiceDraft(
        String amount,
        String currency,
        String metadataJson,
        Integer expirationMinutes,
        Integer monitoringMinutes,
        BigDecimal paymentTolerance,
        SpeedPolicy speedPolicy) {

    public static InvoiceDraft of(String amount, String currency) {
        return new InvoiceDraft(amount, currency, null, null, null, null, null);
    }
}
