package com.flash.backoffice.db.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** BTCPay's refund variants, computed by hand. */
class RefundAmountsTest {

    // 0.001 BTC = 100,000 sat = 100,000,000 msat, priced at 50,000 EUR/BTC: 50 EUR paid
    private static final Invoice EUR_INVOICE = invoice(
            "EUR",
            100_000_000L,
            100_000_000L,
            new BigDecimal("50000"),
            InvoiceStatus.SETTLED,
            InvoiceAdditionalStatus.NONE);
    private static final Function<String, Optional<BigDecimal>> RATE_NOW_40K =
            currency -> currency.equals("EUR") ? Optional.of(new BigDecimal("40000")) : Optional.empty();
    private static final Function<String, Optional<BigDecimal>> NO_RATE = currency -> Optional.empty();

    @Test
    void rate_then_refunds_the_bitcoin_paid_valued_at_todays_rate() {
        RefundQuote quote =
                quoted(RefundAmounts.quote(EUR_INVOICE, RefundVariant.RATE_THEN, null, null, null, RATE_NOW_40K));

        assertThat(quote.amountMsat()).isEqualTo(100_000_000L);
        // shown at the invoice's rate: 0.001 BTC x 50,000 = 50.00 EUR
        assertThat(quote.fiatAmount()).isEqualByComparingTo("50.00");
        assertThat(quote.fixed()).isTrue();
    }

    @Test
    void current_rate_refunds_the_fiat_paid_in_bitcoin_at_todays_rate() {
        RefundQuote quote =
                quoted(RefundAmounts.quote(EUR_INVOICE, RefundVariant.CURRENT_RATE, null, null, null, RATE_NOW_40K));

        // 50 EUR / 40,000 EUR/BTC = 0.00125 BTC = 125,000 sat
        assertThat(quote.amountMsat()).isEqualTo(125_000_000L);
        assertThat(quote.fiatAmount()).isEqualByComparingTo("50.00");
        assertThat(quote.rate()).isEqualByComparingTo("40000");
        assertThat(quote.fixed()).isTrue();
    }

    @Test
    void fiat_is_the_same_estimate_but_is_fixed_only_at_approval() {
        RefundQuote quote =
                quoted(RefundAmounts.quote(EUR_INVOICE, RefundVariant.FIAT, null, null, null, RATE_NOW_40K));

        assertThat(quote.amountMsat()).isEqualTo(125_000_000L);
        assertThat(quote.fixed()).isFalse();
    }

    @Test
    void overpaid_amount_is_what_was_paid_above_the_invoice_and_only_for_paid_over_invoices() {
        Invoice overpaid = invoice(
                "EUR",
                100_000_000L,
                130_000_000L,
                new BigDecimal("50000"),
                InvoiceStatus.SETTLED,
                InvoiceAdditionalStatus.PAID_OVER);

        assertThat(quoted(RefundAmounts.quote(overpaid, RefundVariant.OVERPAID_AMOUNT, null, null, null, RATE_NOW_40K))
                        .amountMsat())
                .isEqualTo(30_000_000L);
        assertThat(refusal(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.OVERPAID_AMOUNT, null, null, null, RATE_NOW_40K)))
                .contains("was not overpaid");
    }

    @Test
    void custom_takes_btc_sats_or_a_fiat_amount_at_todays_rate() {
        assertThat(quoted(RefundAmounts.quote(
                                EUR_INVOICE, RefundVariant.CUSTOM, null, new BigDecimal("0.0005"), "BTC", RATE_NOW_40K))
                        .amountMsat())
                .isEqualTo(50_000_000L);
        assertThat(quoted(RefundAmounts.quote(
                                EUR_INVOICE, RefundVariant.CUSTOM, null, new BigDecimal("1234"), "sats", RATE_NOW_40K))
                        .amountMsat())
                .isEqualTo(1_234_000L);
        // 10 EUR / 40,000 = 0.00025 BTC = 25,000 sat
        assertThat(quoted(RefundAmounts.quote(
                                EUR_INVOICE, RefundVariant.CUSTOM, null, new BigDecimal("10"), "EUR", RATE_NOW_40K))
                        .amountMsat())
                .isEqualTo(25_000_000L);
    }

    @Test
    void the_subtracted_percentage_comes_off_last_and_the_result_is_rounded_down_to_the_satoshi() {
        // 100,000 sat less 10.5 % = 89,500 sat
        assertThat(quoted(RefundAmounts.quote(
                                EUR_INVOICE, RefundVariant.RATE_THEN, new BigDecimal("10.5"), null, null, RATE_NOW_40K))
                        .amountMsat())
                .isEqualTo(89_500_000L);
        // 100,000 sat less 99.99 % = 10 sat
        assertThat(quoted(RefundAmounts.quote(
                                EUR_INVOICE,
                                RefundVariant.RATE_THEN,
                                new BigDecimal("99.99"),
                                null,
                                null,
                                RATE_NOW_40K))
                        .amountMsat())
                .isEqualTo(10_000L);
        // 1,234 sat less 33 % = 826.78 sat, rounded down to 826 sat
        assertThat(quoted(RefundAmounts.quote(
                                EUR_INVOICE,
                                RefundVariant.CUSTOM,
                                new BigDecimal("33"),
                                new BigDecimal("1234"),
                                "SATS",
                                RATE_NOW_40K))
                        .amountMsat())
                .isEqualTo(826_000L);
    }

    @Test
    void bad_percentages_amounts_and_currencies_are_refused_with_their_field() {
        assertThat(field(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.RATE_THEN, new BigDecimal("-1"), null, null, RATE_NOW_40K)))
                .isEqualTo("subtractPercentage");
        assertThat(field(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.RATE_THEN, new BigDecimal("100"), null, null, RATE_NOW_40K)))
                .isEqualTo("subtractPercentage");
        assertThat(field(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.RATE_THEN, new BigDecimal("1.234"), null, null, RATE_NOW_40K)))
                .isEqualTo("subtractPercentage");
        assertThat(field(RefundAmounts.quote(EUR_INVOICE, RefundVariant.CUSTOM, null, null, "BTC", RATE_NOW_40K)))
                .isEqualTo("customAmount");
        assertThat(field(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.CUSTOM, null, new BigDecimal("0.000000001"), "BTC", RATE_NOW_40K)))
                .isEqualTo("customAmount");
        assertThat(field(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.CUSTOM, null, new BigDecimal("1.5"), "SATS", RATE_NOW_40K)))
                .isEqualTo("customAmount");
        assertThat(field(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.CUSTOM, null, new BigDecimal("1"), "XYZ", RATE_NOW_40K)))
                .isEqualTo("customCurrency");
        assertThat(field(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.CUSTOM, null, new BigDecimal("1"), "", RATE_NOW_40K)))
                .isEqualTo("customCurrency");
        assertThat(field(RefundAmounts.quote(
                        EUR_INVOICE, RefundVariant.CUSTOM, null, new BigDecimal("0.001"), "EUR", RATE_NOW_40K)))
                .as("less than a satoshi")
                .isEqualTo("customAmount");
    }

    @Test
    void fiat_variants_need_a_fiat_invoice_and_a_current_rate() {
        Invoice btcInvoice =
                invoice("BTC", 100_000_000L, 100_000_000L, null, InvoiceStatus.SETTLED, InvoiceAdditionalStatus.NONE);

        assertThat(refusal(RefundAmounts.quote(btcInvoice, RefundVariant.CURRENT_RATE, null, null, null, RATE_NOW_40K)))
                .contains("priced in BTC");
        assertThat(refusal(RefundAmounts.quote(EUR_INVOICE, RefundVariant.FIAT, null, null, null, NO_RATE)))
                .contains("no current EUR exchange rate");
        assertThat(quoted(RefundAmounts.quote(btcInvoice, RefundVariant.RATE_THEN, null, null, null, NO_RATE))
                        .fiatAmount())
                .isNull();
    }

    private static RefundQuote quoted(RefundQuoteResult result) {
        assertThat(result).isInstanceOf(RefundQuoteResult.Quoted.class);
        return ((RefundQuoteResult.Quoted) result).quote();
    }

    private static String refusal(RefundQuoteResult result) {
        assertThat(result).isInstanceOf(RefundQuoteResult.Refused.class);
        return ((RefundQuoteResult.Refused) result).message();
    }

    private static String field(RefundQuoteResult result) {
        assertThat(result).isInstanceOf(RefundQuoteResult.Refused.class);
        return ((RefundQuoteResult.Refused) result).field();
    }

    static Invoice invoice(
            String currency,
            Long amountMsat,
            long paidMsat,
            BigDecimal rate,
            InvoiceStatus status,
            InvoiceAdditionalStatus additional) {
        Instant now = Instant.parse("2026-12-01T10:00:00Z");
        return new Invoice(
                "inv1",
                "m1",
                status,
                additional,
                amountMsat,
                currency,
                null,
                rate,
                null,
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                0,
                now,
                now.plusSeconds(900),
                now.plusSeconds(1800),
                paidMsat,
                null,
                1,
                now,
                null);
    }
}
