package com.flash.backoffice.db.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeRateRepositoryIT {

    TestDatabase db;
    ExchangeRateRepository rates;
    RateSourceStatusRepository statuses;

    @BeforeAll
    void migrate() {
        db = TestDatabase.migrated("rates_it");
        rates = new ExchangeRateRepository(db.dsl());
        statuses = new RateSourceStatusRepository(db.dsl());
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Test
    void the_newest_rate_of_a_currency_is_current_and_history_is_kept() {
        rates.setManually("USD", new BigDecimal("90000.00"), "opening rate", "finance");
        rates.record(new ExchangeRate(
                "USD", new BigDecimal("91000.50"), "median of kraken,bitstamp", null, "rate-fetcher", Instant.now()));
        rates.setManually("EUR", new BigDecimal("83000"), "providers down", "finance");

        assertThat(rates.current("USD").orElseThrow().btcPrice()).isEqualByComparingTo("91000.50");
        assertThat(rates.current("USD").orElseThrow().source()).isEqualTo("median of kraken,bitstamp");
        assertThat(rates.current("EUR").orElseThrow().manual()).isTrue();
        assertThat(rates.current("EUR").orElseThrow().reason()).isEqualTo("providers down");
        assertThat(rates.current("GBP")).isEmpty();
        assertThat(rates.currentRates())
                .extracting(
                        ExchangeRate::currency,
                        rate -> rate.btcPrice().stripTrailingZeros().toPlainString())
                .contains(
                        org.assertj.core.groups.Tuple.tuple("EUR", "83000"),
                        org.assertj.core.groups.Tuple.tuple("USD", "91000.5"));
        assertThat(db.dsl().fetchCount(com.flash.backoffice.db.jooq.Tables.EXCHANGE_RATE))
                .isEqualTo(3);
    }

    @Test
    void the_database_refuses_a_zero_price_or_a_bad_currency_code() {
        assertThatThrownBy(() -> rates.setManually("USD", BigDecimal.ZERO, "r", "finance"))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> rates.setManually("usd", BigDecimal.ONE, "r", "finance"))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void a_source_status_keeps_its_last_value_and_counts_its_failures() {
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        statuses.succeeded("JPY", "kraken", new BigDecimal("15000000"), t0);
        statuses.failed("JPY", "kraken", "HTTP 500", t0.plus(1, ChronoUnit.MINUTES));
        statuses.failed("JPY", "kraken", "timed out after 2 s", t0.plus(2, ChronoUnit.MINUTES));

        RateSourceStatus failing = statuses.forCurrency("JPY").getFirst();
        assertThat(failing.lastValue()).isEqualByComparingTo("15000000");
        assertThat(failing.lastSuccessAt()).isEqualTo(t0);
        assertThat(failing.lastFailureAt()).isEqualTo(t0.plus(2, ChronoUnit.MINUTES));
        assertThat(failing.lastError()).isEqualTo("timed out after 2 s");
        assertThat(failing.failureCount()).isEqualTo(2);
        assertThat(failing.consecutiveFailures()).isEqualTo(2);

        statuses.succeeded("JPY", "kraken", new BigDecimal("15100000"), t0.plus(3, ChronoUnit.MINUTES));
        RateSourceStatus recovered = statuses.forCurrency("JPY").getFirst();
        assertThat(recovered.consecutiveFailures()).isZero();
        assertThat(recovered.failureCount()).isEqualTo(2);
        assertThat(recovered.lastValue()).isEqualByComparingTo("15100000");
    }
}
