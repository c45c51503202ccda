package com.flash.backoffice.db.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.testsupport.TestDatabase;
import java.math.BigDecimal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExchangeRateRepositoryIT {

    TestDatabase db;
    ExchangeRateRepository rates;

    @BeforeAll
    void migrate() {
        db = TestDatabase.migrated("rates_it");
        rates = new ExchangeRateRepository(db.dsl());
    }

    @AfterAll
    void close() {
        db.close();
    }

    @Test
    void the_newest_rate_of_a_currency_is_current_and_history_is_kept() {
        rates.set("USD", new BigDecimal("90000.00"), "finance");
        rates.set("USD", new BigDecimal("91000.50"), "finance");
        rates.set("EUR", new BigDecimal("83000"), "finance");

        assertThat(rates.current("USD").orElseThrow().btcPrice()).isEqualByComparingTo("91000.50");
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
        assertThatThrownBy(() -> rates.set("USD", BigDecimal.ZERO, "finance")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> rates.set("usd", BigDecimal.ONE, "finance")).isInstanceOf(RuntimeException.class);
    }
}
