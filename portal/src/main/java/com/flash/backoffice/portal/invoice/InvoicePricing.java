package com.flash.backoffice.portal.invoice;

import com.flash.backoffice.db.rate.ExchangeRate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns a requested amount and currency into msat. BTC takes at most 8 decimals and SATS none (as BTCPay);
 * a fiat amount takes at most its currency's decimals and is converted at the current rate, rounded to the
 * whole satoshi, and that rate is kept with the invoice. A rate older than the configured maximum age is refused.
 */
final class InvoicePricing {

    static final long MSAT_PER_BTC = 100_000_000_000L;
    /** 21 million BTC: no invoice can ask for more bitcoin than exists. */
    static final BigDecimal MAX_BTC = new BigDecimal("21000000");

    record Price(Long amountMsat, String currency, BigDecimal fiatAmount, BigDecimal rate) {}

    /** The rate a fiat invoice may be priced at, or why none may be used ({@code refusal}), or neither (no rate). */
    record FiatRate(BigDecimal btcPrice, String refusal) {

        static final FiatRate NONE = new FiatRate(null, null);

        static FiatRate usable(BigDecimal btcPrice) {
            return new FiatRate(btcPrice, null);
        }

        /** The newest rate, refused once it is older than {@code maxAge}: prices must follow the market. */
        static FiatRate of(Optional<ExchangeRate> newest, Instant now, Duration maxAge) {
            if (newest.isEmpty()) {
                return NONE;
            }
            ExchangeRate rate = newest.get();
            Duration age = Duration.between(rate.setAt(), now);
            if (age.compareTo(maxAge) <= 0) {
                return usable(rate.btcPrice());
            }
            return new FiatRate(
                    null,
                    "The newest " + rate.currency() + " exchange rate is " + minutes(age) + " old (" + rate.source()
                            + ", " + rate.setAt().truncatedTo(ChronoUnit.SECONDS) + "), older than the "
                            + minutes(maxAge) + " allowed: the rate sources are failing; FINANCE may set a"
                            + " manual rate.");
        }

        private static String minutes(Duration duration) {
            long minutes = duration.toMinutes();
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
    }

    private InvoicePricing() {}

    /** The price, or the field error explaining why there is none. */
    static Result price(String amountText, String currencyText, Function<String, FiatRate> btcPrice) {
        String currency = currencyText == null ? "" : currencyText.strip().toUpperCase();
        if (!currency.equals("BTC") && !currency.equals("SATS") && !isFiat(currency)) {
            return Result.error("currency", "Unknown currency: use BTC, SATS or an ISO 4217 code such as USD.");
        }
        if (amountText == null || amountText.isBlank()) {
            return Result.ok(new Price(null, currency, null, null));
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(amountText.strip());
        } catch (NumberFormatException e) {
            return Result.error("amount", "The amount must be a decimal number such as 12.50.");
        }
        if (amount.signum() <= 0) {
            return Result.error("amount", "The amount must be positive.");
        }
        return switch (currency) {
            case "BTC" -> bitcoin(amount, 8, MSAT_PER_BTC, currency);
            case "SATS" -> bitcoin(amount, 0, MSAT_PER_BTC / 100_000_000L, currency);
            default -> fiat(amount, currency, btcPrice);
        };
    }

    private static Result bitcoin(BigDecimal amount, int maxDecimals, long msatPerUnit, String currency) {
        if (amount.stripTrailingZeros().scale() > maxDecimals) {
            return Result.error(
                    "amount",
                    maxDecimals == 0 ? "SATS amounts are whole satoshis." : "BTC amounts take at most 8 decimals.");
        }
        BigDecimal msat = amount.multiply(BigDecimal.valueOf(msatPerUnit));
        if (msat.compareTo(MAX_BTC.multiply(BigDecimal.valueOf(MSAT_PER_BTC))) > 0) {
            return Result.error("amount", "The amount is larger than all bitcoin in existence.");
        }
        return Result.ok(new Price(msat.longValueExact(), currency, null, null));
    }

    private static Result fiat(BigDecimal amount, String currency, Function<String, FiatRate> btcPrice) {
        int decimals = Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
        if (amount.stripTrailingZeros().scale() > decimals) {
            return Result.error("amount", currency + " amounts take at most " + decimals + " decimals.");
        }
        FiatRate fiatRate = btcPrice.apply(currency);
        if (fiatRate.refusal() != null) {
            return Result.error("currency", fiatRate.refusal());
        }
        if (fiatRate.btcPrice() == null) {
            return Result.error("currency", "There is no exchange rate for " + currency + " yet: FINANCE sets it.");
        }
        BigDecimal rate = fiatRate.btcPrice();
        BigDecimal sats = amount.multiply(BigDecimal.valueOf(100_000_000L)).divide(rate, 0, RoundingMode.HALF_UP);
        if (sats.signum() <= 0) {
            return Result.error("amount", "The amount is less than one satoshi.");
        }
        if (sats.compareTo(MAX_BTC.multiply(BigDecimal.valueOf(100_000_000L))) > 0) {
            return Result.error("amount", "The amount is larger than all bitcoin in existence.");
        }
        return Result.ok(new Price(sats.longValueExact() * 1_000L, currency, amount, rate));
    }

    private static boolean isFiat(String code) {
        if (!code.matches("[A-Z]{3}")) {
            return false;
        }
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    record Result(Price price, FieldError error) {
        static Result ok(Price price) {
            return new Result(price, null);
        }

        static Result error(String path, String message) {
            return new Result(null, new FieldError(path, message));
        }
    }
}
