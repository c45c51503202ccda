package com.flash.backoffice.portal.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.rate.ExchangeRate;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvoicePricingTest {

    static final Function<String, InvoicePricing.FiatRate> USD_AT_100K = currency -> currency.equals("USD")
            ? InvoicePricing.FiatRate.usable(new BigDecimal("100000"))
            : InvoicePricing.FiatRate.NONE;

    @Test
    void btc_and_sats_convert_exactly_to_msat() {
        assertThat(InvoicePricing.price("0.00012345", "BTC", USD_AT_100K)
                        .price()
                        .amountMsat())
                .isEqualTo(12_345_000L);
        assertThat(InvoicePricing.price("21000", "sats", USD_AT_100K).price().amountMsat())
                .isEqualTo(21_000_000L);
    }

    @Test
    void fiat_converts_at_the_current_rate_to_whole_satoshis_and_keeps_the_rate() {
        var price = InvoicePricing.price("12.34", "USD", USD_AT_100K).price();

        assertThat(price.amountMsat()).isEqualTo(12_340_000L); // 12.34 / 100000 BTC = 12,340 sat
        assertThat(price.fiatAmount()).isEqualByComparingTo("12.34");
        assertThat(price.rate()).isEqualByComparingTo("100000");
    }

    @Test
    void no_amount_is_a_top_up_invoice() {
        var price = InvoicePricing.price(" ", "BTC", USD_AT_100K).price();
        assertThat(price.amountMsat()).isNull();
    }

    @ParameterizedTest
    @CsvSource({
        "-1, BTC, amount, The amount must be positive.",
        "0, SATS, amount, The amount must be positive.",
        "0.000000001, BTC, amount, BTC amounts take at most 8 decimals.",
        "1.5, SATS, amount, SATS amounts are whole satoshis.",
        "12.345, USD, amount, USD amounts take at most 2 decimals.",
        "ten, BTC, amount, The amount must be a decimal number such as 12.50.",
        "1, XYZ, currency, 'Unknown currency: use BTC, SATS or an ISO 4217 code such as USD.'",
        "1, EUR, currency, 'There is no exchange rate for EUR yet: FINANCE sets it.'",
        "21000001, BTC, amount, The amount is larger than all bitcoin in existence.",
        "1e400, BTC, amount, The amount is larger than all bitcoin in existence."
    })
    void bad_amounts_get_a_message_on_the_right_field(String amount, String currency, String path, String message) {
        FieldError error = InvoicePricing.price(amount, currency, USD_AT_100K).error();

        assertThat(error).isEqualTo(new FieldError(path, message));
    }

    @Test
    void a_rate_older_than_the_maximum_age_is_refused_with_its_age_and_source() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        var stale = new ExchangeRate(
                "USD",
                new BigDecimal("97000"),
                "median of kraken,bitstamp",
                null,
                "rate-fetcher",
                now.minus(Duration.ofMinutes(12)));

        FieldError error = InvoicePricing.price(
                        "10",
                        "USD",
                        currency -> InvoicePricing.FiatRate.of(Optional.of(stale), now, Duration.ofMinutes(10)))
                .error();

        assertThat(error.path()).isEqualTo("currency");
        assertThat(error.message())
                .isEqualTo("The newest USD exchange rate is 12 minutes old (median of kraken,bitstamp,"
                        + " 2026-12-03T11:48:00Z), older than the 10 minutes allowed: the rate sources are failing;"
                        + " FINANCE may set a manual rate.");
    }

    @Test
    void a_rate_just_within_the_maximum_age_is_used() {
        Instant now = Instant.parse("2026-12-03T12:00:00Z");
        var fresh = new ExchangeRate(
                "USD", new BigDecimal("100000"), "kraken", null, "rate-fetcher", now.minus(Duration.ofMinutes(10)));

        var price = InvoicePricing.price(
                        "10",
                        "USD",
                        currency -> InvoicePricing.FiatRate.of(Optional.of(fresh), now, Duration.ofMinutes(10)))
                .price();

        assertThat(price.amountMsat()).isEqualTo(10_000_000L);
    }
}
