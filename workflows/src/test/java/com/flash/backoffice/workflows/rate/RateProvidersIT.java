package com.flash.backoffice.workflows.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.workflows.rate.RateReplayServer.Reply;
import java.time.Duration;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each exchange adapter against a real local HTTP server replaying the exchanges' recorded answers. */
class RateProvidersIT {

    static final Duration TIMEOUT = Duration.ofMillis(1000);
    static RateReplayServer server;
    static JsonRateClient client;

    @BeforeAll
    static void start() {
        server = new RateReplayServer()
                .route("/kraken/0/public/Ticker?pair=XBTUSD", Reply.file("kraken/ticker-xbtusd.json"))
                .route("/kraken/0/public/Ticker?pair=XBTEUR", Reply.file("kraken/ticker-xbteur.json"))
                .route("/kraken/0/public/Ticker?pair=XBTXYZ", Reply.file("kraken/unknown-pair.json"))
                .route("/bitstamp/api/v2/ticker/btcusd/", Reply.file("bitstamp/ticker-btcusd.json"))
                .route("/bitstamp/api/v2/ticker/btceur/", Reply.file("bitstamp/ticker-btceur.json"))
                .route("/coingecko/api/v3/exchange_rates", Reply.file("coingecko/exchange_rates.json"))
                .route(
                        "/kraken-500/0/public/Ticker?pair=XBTUSD",
                        Reply.status(500, "{\"error\":[\"EService:Unavailable\"]}"))
                .route("/bitstamp-500/api/v2/ticker/btcusd/", Reply.status(500, "Internal Server Error"))
                .route("/coingecko-500/api/v3/exchange_rates", Reply.status(500, "{}"))
                .route(
                        "/kraken-slow/0/public/Ticker?pair=XBTUSD",
                        Reply.fileAfter(Duration.ofSeconds(5), "kraken/ticker-xbtusd.json"))
                .route(
                        "/bitstamp-slow/api/v2/ticker/btcusd/",
                        Reply.fileAfter(Duration.ofSeconds(5), "bitstamp/ticker-btcusd.json"))
                .route(
                        "/coingecko-slow/api/v3/exchange_rates",
                        Reply.fileAfter(Duration.ofSeconds(5), "coingecko/exchange_rates.json"))
                .route("/kraken-bad/0/public/Ticker?pair=XBTUSD", Reply.file("kraken/ticker-xbtusd-truncated.json"))
                .route("/bitstamp-bad/api/v2/ticker/btcusd/", Reply.file("bitstamp/not-json.html"))
                .route("/coingecko-bad/api/v3/exchange_rates", Reply.file("coingecko/exchange_rates-without-usd.json"));
        client = new JsonRateClient(TIMEOUT);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static RateProvider kraken(String prefix) {
        return new KrakenRateProvider(server.base(prefix), client);
    }

    static RateProvider bitstamp(String prefix) {
        return new BitstampRateProvider(server.base(prefix), client);
    }

    static RateProvider coingecko(String prefix) {
        return new CoinGeckoRateProvider(server.base(prefix), client);
    }

    static Stream<Arguments> providers() {
        return Stream.of(
                Arguments.of("kraken", (Function<String, RateProvider>) RateProvidersIT::kraken),
                Arguments.of("bitstamp", (Function<String, RateProvider>) RateProvidersIT::bitstamp),
                Arguments.of("coingecko", (Function<String, RateProvider>) RateProvidersIT::coingecko));
    }

    @Test
    void kraken_gives_the_last_trade_price_whatever_it_calls_the_pair() {
        assertThat(kraken("/kraken").btcPrice("USD")).isEqualByComparingTo("97012.4");
        assertThat(kraken("/kraken").btcPrice("EUR")).isEqualByComparingTo("83420");
    }

    @Test
    void bitstamp_gives_the_last_price_of_the_pair() {
        assertThat(bitstamp("/bitstamp").btcPrice("USD")).isEqualByComparingTo("97020");
        assertThat(bitstamp("/bitstamp").btcPrice("EUR")).isEqualByComparingTo("83405");
    }

    @Test
    void coingecko_gives_the_bitcoin_exchange_rate_of_the_currency() {
        assertThat(coingecko("/coingecko").btcPrice("USD")).isEqualByComparingTo("97031");
        assertThat(coingecko("/coingecko").btcPrice("JPY")).isEqualByComparingTo("15012345");
    }

    @Test
    void an_error_that_kraken_reports_in_its_answer_is_a_failure_with_krakens_message() {
        assertThatThrownBy(() -> kraken("/kraken").btcPrice("XYZ"))
                .isInstanceOf(RateProviderException.class)
                .hasMessage("Kraken: EQuery:Unknown asset pair");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void a_500_is_a_failure_naming_the_status(String name, Function<String, RateProvider> provider) {
        assertThatThrownBy(() -> provider.apply("/" + name + "-500").btcPrice("USD"))
                .isInstanceOf(RateProviderException.class)
                .hasMessage("HTTP 500");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void an_answer_slower_than_the_timeout_is_a_failure(String name, Function<String, RateProvider> provider) {
        long started = System.nanoTime();

        assertThatThrownBy(() -> provider.apply("/" + name + "-slow").btcPrice("USD"))
                .isInstanceOf(RateProviderException.class)
                .hasMessage("no answer within 1000 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void malformed_json_is_a_failure() {
        assertThatThrownBy(() -> kraken("/kraken-bad").btcPrice("USD"))
                .isInstanceOf(RateProviderException.class)
                .hasMessageStartingWith("malformed JSON");
        assertThatThrownBy(() -> bitstamp("/bitstamp-bad").btcPrice("USD"))
                .isInstanceOf(RateProviderException.class)
                .hasMessageStartingWith("malformed JSON");
    }

    @Test
    void an_answer_without_the_currency_is_a_failure() {
        assertThatThrownBy(() -> coingecko("/coingecko-bad").btcPrice("USD"))
                .isInstanceOf(RateProviderException.class)
                .hasMessage("no usd rate in the answer");
    }

    @Test
    void nothing_recorded_for_a_request_is_a_404_failure() {
        assertThatThrownBy(() -> bitstamp("/bitstamp").btcPrice("CHF"))
                .isInstanceOf(RateProviderException.class)
                .hasMessage("HTTP 404");
    }
}
