package com.flash.backoffice.workflows.rate;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.rate.RateSourceStatus;
import com.flash.backoffice.db.rate.RateSourceStatusRepository;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.rate.RateReplayServer.Reply;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A fetch round against the replaying exchange server and a real MariaDB: the stored rate and each source's status. */
class RateFetcherIT {

    static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");
    static TestDatabase database;
    static ExchangeRateRepository rates;
    static RateSourceStatusRepository statuses;
    static RateReplayServer server;

    @BeforeAll
    static void start() {
        database = TestDatabase.migrated("rate_fetcher_it");
        rates = new ExchangeRateRepository(database.dsl());
        statuses = new RateSourceStatusRepository(database.dsl());
        server = new RateReplayServer()
                .route("/ok/0/public/Ticker?pair=XBTUSD", Reply.file("kraken/ticker-xbtusd.json"))
                .route("/ok/0/public/Ticker?pair=XBTEUR", Reply.file("kraken/ticker-xbteur.json"))
                .route("/ok/api/v2/ticker/btcusd/", Reply.file("bitstamp/ticker-btcusd.json"))
                .route("/ok/api/v2/ticker/btceur/", Reply.file("bitstamp/ticker-btceur.json"))
                .route("/ok/api/v3/exchange_rates", Reply.file("coingecko/exchange_rates.json"))
                .route("/absurd/0/public/Ticker?pair=XBTUSD", Reply.file("kraken/ticker-xbtusd-absurd.json"))
                .route("/down/0/public/Ticker?pair=XBTUSD", Reply.status(500, "{\"error\":[\"EService:Unavailable\"]}"))
                .route(
                        "/down/api/v2/ticker/btcusd/",
                        Reply.fileAfter(Duration.ofSeconds(5), "bitstamp/ticker-btcusd.json"))
                .route("/down/0/public/Ticker?pair=XBTGBP", Reply.status(500, "{\"error\":[\"EService:Unavailable\"]}"))
                .route(
                        "/down/api/v2/ticker/btcgbp/",
                        Reply.fileAfter(Duration.ofSeconds(5), "bitstamp/ticker-btcusd.json"))
                .route("/down/api/v3/exchange_rates", Reply.status(429, read("coingecko/rate-limited.json")));
    }

    @AfterAll
    static void stop() {
        server.close();
        database.close();
    }

    static String read(String resource) {
        try (InputStream in = RateFetcherIT.class.getResourceAsStream("/rates/" + resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static RateFetcher fetcher(String currency, String kraken, String bitstamp, String coingecko, List<String> order) {
        RateProperties properties = new RateProperties(
                false,
                true,
                null,
                Duration.ofMinutes(10),
                Duration.ofMillis(1500),
                null,
                null,
                Map.of(currency, order),
                new RateProperties.Urls(
                        server.base("/" + kraken), server.base("/" + bitstamp), server.base("/" + coingecko)));
        JsonRateClient client = new JsonRateClient(properties.timeout());
        return new RateFetcher(
                properties,
                List.of(
                        new KrakenRateProvider(properties.urls().kraken(), client),
                        new BitstampRateProvider(properties.urls().bitstamp(), client),
                        new CoinGeckoRateProvider(properties.urls().coingecko(), client)),
                rates,
                statuses,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static RateSourceStatus status(String currency, String source) {
        return statuses.forCurrency(currency).stream()
                .filter(status -> status.source().equals(source))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void the_median_of_the_answering_sources_is_stored_with_their_names() {
        fetcher("EUR", "ok", "ok", "ok", List.of("kraken", "bitstamp", "coingecko"))
                .fetchOnce();

        ExchangeRate rate = rates.current("EUR").orElseThrow();
        assertThat(rate.btcPrice()).isEqualByComparingTo("83410.5");
        assertThat(rate.source()).isEqualTo("median of kraken,bitstamp,coingecko");
        assertThat(rate.setBy()).isEqualTo(RateFetcher.SET_BY);
        assertThat(rate.setAt()).isEqualTo(NOW);
        assertThat(status("EUR", "kraken").lastValue()).isEqualByComparingTo("83420");
        assertThat(status("EUR", "bitstamp").lastSuccessAt()).isEqualTo(NOW);
        assertThat(status("EUR", "coingecko").failureCount()).isZero();
    }

    @Test
    void an_absurd_price_is_rejected_and_counted_as_that_sources_failure() {
        var outcome = fetcher("USD", "absurd", "ok", "ok", List.of("kraken", "bitstamp", "coingecko"))
                .fetch("USD");

        assertThat(outcome.stored().orElseThrow().btcPrice()).isEqualByComparingTo("97025.5");
        assertThat(outcome.stored().orElseThrow().source()).isEqualTo("median of bitstamp,coingecko");
        RateSourceStatus kraken = status("USD", "kraken");
        assertThat(kraken.lastError()).startsWith("absurd price 970124000");
        assertThat(kraken.lastFailureAt()).isEqualTo(NOW);
        assertThat(kraken.failureCount()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void when_the_primary_fails_the_fallbacks_carry_the_rate() {
        var outcome = fetcher("USD", "down", "ok", "ok", List.of("kraken", "bitstamp", "coingecko"))
                .fetch("USD");

        assertThat(outcome.stored().orElseThrow().source()).isEqualTo("median of bitstamp,coingecko");
        assertThat(status("USD", "kraken").lastError()).isEqualTo("HTTP 500");
    }

    @Test
    void when_every_source_fails_nothing_is_stored_and_each_failure_is_recorded() {
        rates.record(new ExchangeRate(
                "GBP", new BigDecimal("72000"), "coingecko", null, RateFetcher.SET_BY, NOW.minusSeconds(3600)));

        var outcome = fetcher("GBP", "down", "down", "down", List.of("kraken", "bitstamp", "coingecko"))
                .fetch("GBP");

        assertThat(outcome.stored()).isEmpty();
        assertThat(rates.current("GBP").orElseThrow().setAt()).isEqualTo(NOW.minusSeconds(3600));
        assertThat(status("GBP", "kraken").lastError()).isEqualTo("HTTP 500");
        assertThat(status("GBP", "bitstamp").lastError()).isEqualTo("no answer within 1500 ms");
        assertThat(status("GBP", "coingecko").lastError()).isEqualTo("HTTP 429");
        assertThat(status("GBP", "coingecko").consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void a_manual_rate_younger_than_the_maximum_age_is_not_overwritten() {
        rates.record(new ExchangeRate(
                "CHF", new BigDecimal("78000"), ExchangeRate.MANUAL, "sources down", "finance", NOW.minusSeconds(60)));

        var outcome = fetcher("CHF", "ok", "ok", "ok", List.of("coingecko")).fetch("CHF");

        assertThat(outcome.aggregation().rate()).isEqualByComparingTo("77950.8");
        assertThat(outcome.stored()).isEmpty();
        assertThat(rates.current("CHF").orElseThrow().manual()).isTrue();
        assertThat(status("CHF", "coingecko").lastValue()).isEqualByComparingTo("77950.8");
    }
}
