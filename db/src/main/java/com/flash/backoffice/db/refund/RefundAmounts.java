package com.flash.backoffice.db.refund;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Optional;
import java.util.function.Function;

/**
 * How much each of BTCPay's variants refunds, as BTCPay computes it: RateThen the bitcoin paid; CurrentRate the fiat
 * value paid (at the invoice's rate) in bitcoin at today's rate; Fiat the same, fixed again at approval; OverpaidAmount
 * what was paid above the invoice amount; Custom an amount in BTC, SATS or a fiat currency at today's rate. The
 * subtracted percentage comes off last, and the result is rounded down to the whole satoshi (an on-chain refund
 * cannot carry millisatoshi). Pure: the rate comes from the caller.
 */
public final class RefundAmounts {

    static final BigDecimal SATS_PER_BTC = BigDecimal.valueOf(100_000_000L);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private RefundAmounts() {}

    /**
     * @param btcPrice today's price of one bitcoin in a currency, or empty when there is no usable rate
     */
    public static RefundQuoteResult quote(
            Invoice invoice,
            RefundVariant variant,
            BigDecimal subtractPercentage,
            BigDecimal customAmount,
            String customCurrency,
            Function<String, Optional<BigDecimal>> btcPrice) {
        BigDecimal subtract = subtractPercentage == null ? BigDecimal.ZERO : subtractPercentage;
        if (subtract.signum() < 0 || subtract.compareTo(HUNDRED) >= 0) {
            return refused(
                    "subtractPercentage", "The percentage to subtract must be from 0 up to (not including) 100.");
        }
        if (subtract.stripTrailingZeros().scale() > 2) {
            return refused("subtractPercentage", "The percentage to subtract takes at most 2 decimals.");
        }
        String invoiceCurrency = invoice.currency();
        boolean fiatInvoice = isFiat(invoiceCurrency) && invoice.rate() != null;
        return switch (variant) {
            case RATE_THEN ->
                quoted(
                        variant,
                        invoice.paidMsat(),
                        fiatInvoice ? invoice.rate() : null,
                        fiatInvoice ? invoiceCurrency : null,
                        subtract,
                        true);
            case CURRENT_RATE, FIAT -> {
                if (!fiatInvoice) {
                    yield refused(
                            "refundVariant",
                            variant.greenfieldName()
                                    + " refunds the fiat value paid, but invoice " + invoice.id() + " is priced in "
                                    + invoiceCurrency + ": use RateThen or Custom.");
                }
                Optional<BigDecimal> now = btcPrice.apply(invoiceCurrency);
                if (now.isEmpty()) {
                    yield refused(
                            "refundVariant",
                            "There is no current " + invoiceCurrency
                                    + " exchange rate to convert the fiat value paid: FINANCE sets one.");
                }
                BigDecimal fiatPaid = btc(invoice.paidMsat()).multiply(invoice.rate());
                BigDecimal sats = fiatPaid.multiply(SATS_PER_BTC).divide(now.get(), 0, RoundingMode.DOWN);
                yield quoted(
                        variant,
                        sats.longValueExact() * 1_000L,
                        now.get(),
                        invoiceCurrency,
                        subtract,
                        variant != RefundVariant.FIAT);
            }
            case OVERPAID_AMOUNT -> {
                if (invoice.additionalStatus() != InvoiceAdditionalStatus.PAID_OVER || invoice.amountMsat() == null) {
                    yield refused(
                            "refundVariant",
                            "OverpaidAmount refunds the part paid above the invoice amount; " + "invoice "
                                    + invoice.id() + " was not overpaid.");
                }
                yield quoted(
                        variant,
                        invoice.paidMsat() - invoice.amountMsat(),
                        fiatInvoice ? btcPrice.apply(invoiceCurrency).orElse(invoice.rate()) : null,
                        fiatInvoice ? invoiceCurrency : null,
                        subtract,
                        true);
            }
            case CUSTOM -> custom(invoice, customAmount, customCurrency, subtract, btcPrice);
        };
    }

    private static RefundQuoteResult custom(
            Invoice invoice,
            BigDecimal amount,
            String currencyText,
            BigDecimal subtract,
            Function<String, Optional<BigDecimal>> btcPrice) {
        if (amount == null || amount.signum() <= 0) {
            return refused("customAmount", "A Custom refund needs a positive amount.");
        }
        String currency = currencyText == null ? "" : currencyText.strip().toUpperCase(java.util.Locale.ROOT);
        if (currency.isEmpty()) {
            return refused("customCurrency", "A Custom refund needs a currency: BTC, SATS or a fiat code such as USD.");
        }
        String shownCurrency = isFiat(invoice.currency()) ? invoice.currency() : null;
        switch (currency) {
            case "BTC" -> {
                if (amount.stripTrailingZeros().scale() > 8) {
                    return refused("customAmount", "BTC amounts take at most 8 decimals.");
                }
                long msat = amount.multiply(SATS_PER_BTC).longValueExact() * 1_000L;
                return quoted(
                        RefundVariant.CUSTOM, msat, rateFor(shownCurrency, btcPrice), shownCurrency, subtract, true);
            }
            case "SATS" -> {
                if (amount.stripTrailingZeros().scale() > 0) {
                    return refused("customAmount", "SATS amounts are whole satoshis.");
                }
                return quoted(
                        RefundVariant.CUSTOM,
                        amount.longValueExact() * 1_000L,
                        rateFor(shownCurrency, btcPrice),
                        shownCurrency,
                        subtract,
                        true);
            }
            default -> {
                if (!isFiat(currency)) {
                    return refused(
                            "customCurrency",
                            "Unknown currency " + currency + ": use BTC, SATS or an ISO 4217 code such as USD.");
                }
                int decimals = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
                if (amount.stripTrailingZeros().scale() > decimals) {
                    return refused("customAmount", currency + " amounts take at most " + decimals + " decimals.");
                }
                Optional<BigDecimal> now = btcPrice.apply(currency);
                if (now.isEmpty()) {
                    return refused(
                            "customCurrency", "There is no current " + currency + " exchange rate: FINANCE sets one.");
                }
                BigDecimal sats = amount.multiply(SATS_PER_BTC).divide(now.get(), 0, RoundingMode.DOWN);
                return quoted(
                        RefundVariant.CUSTOM, sats.longValueExact() * 1_000L, now.get(), currency, subtract, true);
            }
        }
    }

    private static BigDecimal rateFor(String currency, Function<String, Optional<BigDecimal>> btcPrice) {
        return currency == null ? null : btcPrice.apply(currency).orElse(null);
    }

    private static RefundQuoteResult quoted(
            RefundVariant variant,
            long grossMsat,
            BigDecimal rate,
            String currency,
            BigDecimal subtract,
            boolean fixed) {
        BigDecimal net = BigDecimal.valueOf(grossMsat)
                .multiply(HUNDRED.subtract(subtract))
                .divide(HUNDRED, 0, RoundingMode.DOWN);
        long msat = net.longValueExact() / 1_000L * 1_000L;
        if (msat <= 0) {
            return refused("customAmount", "The refund comes to less than one satoshi.");
        }
        BigDecimal fiat = rate == null || currency == null
                ? null
                : btc(msat).multiply(rate).setScale(fiatDecimals(currency), RoundingMode.HALF_UP);
        return new RefundQuoteResult.Quoted(new RefundQuote(
                variant, msat, fiat, fiat == null ? null : currency, fiat == null ? null : rate, subtract, fixed));
    }

    static BigDecimal btc(long msat) {
        return BigDecimal.valueOf(msat).divide(BigDecimal.valueOf(100_000_000_000L));
    }

    private static int fiatDecimals(String currency) {
        return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
    }

    private static boolean isFiat(String currency) {
        if (currency == null || currency.equals("BTC") || currency.equals("SATS")) {
            return false;
        }
        try {
            Currency.getInstance(currency);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static RefundQuoteResult refused(String field, String message) {
        return new RefundQuoteResult.Refused(field, message);
    }
}
