package com.flash.backoffice.workflows.rate;

import static com.flash.backoffice.db.jooq.Tables.EXCHANGE_RATE;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.rate.RateSourceStatusRepository;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scheduled fetch with the simulated source, as the embedded default runs it, against a real MariaDB. */
class RateFetchRunnerIT {

    static TestDatabase database;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("rate_runner_it");
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void the_runner_fetches_every_interval_and_stops_with_the_application() throws InterruptedException {
        var rates = new ExchangeRateRepository(database.dsl());
        var statuses = new RateSourceStatusRepository(database.dsl());
        RateProperties simulated =
                new RateProperties(true, true, Duration.ofMillis(100), null, null, null, null, null, null);
        RateFetcher fetcher =
                new RateFetcher(simulated, List.of(new SimulatedRateProvider()), rates, statuses, Clock.systemUTC());
        RateFetchRunner runner = new RateFetchRunner(fetcher, simulated.fetchInterval());

        runner.start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (rates.currentRates().size() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(300);
        } finally {
            runner.stop();
        }

        assertThat(runner.isRunning()).isFalse();
        assertThat(rates.current("EUR").orElseThrow().source()).isEqualTo("simulated");
        assertThat(rates.current("GBP").orElseThrow().btcPrice()).isEqualByComparingTo("79000");
        assertThat(statuses.forCurrency("USD"))
                .singleElement()
                .satisfies(status -> assertThat(status.lastValue()).isEqualByComparingTo("100000"));
        assertThat(database.dsl().fetchCount(EXCHANGE_RATE, EXCHANGE_RATE.CURRENCY.eq("USD")))
                .as("fetched again on every interval")
                .isGreaterThan(1);
    }
}
