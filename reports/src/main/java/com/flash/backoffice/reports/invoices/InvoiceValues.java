package com.flash.backoffice.reports.invoices;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Values the invoice reports compute from a row, the way BTCPay's export shows them. */
final class InvoiceValues {

    /** Fiat amounts converted from msat keep the scale fiat amounts are stored with. */
    static final int FIAT_SCALE = 8;

    private InvoiceValues() {}

    /** BTCPay's full status: "SETTLED" or, with an additional status, "SETTLED (PAID_OVER)". */
    static String fullStatus(String status, String additionalStatus) {
        if (status == null) {
            return null;
        }
        return additionalStatus == null || additionalStatus.equals("NONE")
                ? status
                : status + " (" + additionalStatus + ")";
    }

    /** The price in the invoice's currency: the fiat amount, or the BTC or SATS amount; null for a top-up. */
    static BigDecimal price(String currency, BigDecimal fiatAmount, Long amountMsat) {
        if (fiatAmount != null) {
            return fiatAmount;
        }
        if (amountMsat == null) {
            return null;
        }
        return "SATS".equals(currency) ? BigDecimal.valueOf(amountMsat, 3) : BigDecimal.valueOf(amountMsat, 11);
    }

    /** msat at {@code rate} (fiat per BTC), to {@value #FIAT_SCALE} decimals, half-even; null without a rate. */
    static BigDecimal fiat(Long msat, BigDecimal rate) {
        if (msat == null || rate == null) {
            return null;
        }
        return BigDecimal.valueOf(msat, 11).multiply(rate).setScale(FIAT_SCALE, RoundingMode.HALF_EVEN);
    }

    /** "On-chain" or "Lightning" for the stored method. */
    static String paymentType(String method) {
        if (method == null) {
            return null;
        }
        return switch (method) {
            case "BTC-CHAIN" -> "On-chain";
            case "BTC-LN" -> "Lightning";
            default -> method;
        };
    }
}
