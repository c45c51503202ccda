package com.flash.backoffice.workflows.rate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class RateConfigurationTest {

    static RateProperties properties(boolean simulated, Map<String, List<String>> sources) {
        return new RateProperties(simulated, false, null, null, null, null, null, sources, null);
    }

    @Test
    void the_prod_profile_refuses_the_simulated_rate_source() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        assertThatThrownBy(() -> new RateConfiguration().rateMode(properties(true, null), prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("simulated rate source is for development only");
    }

    @Test
    void outside_prod_the_simulated_source_is_used_and_says_why() {
        RateMode mode = new RateConfiguration().rateMode(properties(true, null), new MockEnvironment());

        assertThat(mode.simulated()).isTrue();
        assertThat(mode.reason()).contains("flash.rates.simulated=true");
        assertThat(properties(true, null).sourcesOf("USD")).containsExactly("simulated");
        assertThat(properties(true, null).sourcesOf("CHF")).isEmpty();
    }

    @Test
    void by_default_every_currency_asks_kraken_first_then_bitstamp_then_coingecko_with_a_ten_minute_maximum_age() {
        RateProperties defaults = properties(false, null);

        assertThat(defaults.currencies()).containsExactly("USD", "EUR", "GBP");
        assertThat(defaults.sourcesOf("EUR")).containsExactly("kraken", "bitstamp", "coingecko");
        assertThat(defaults.maxAge()).hasMinutes(10);
        assertThat(defaults.urls().kraken()).hasToString("https://api.kraken.com");
    }

    @Test
    void configured_sources_are_normalised_and_an_unknown_source_stops_the_start() {
        assertThat(properties(false, Map.of("chf", List.of(" CoinGecko", "kraken")))
                        .sourcesOf("CHF"))
                .containsExactly("coingecko", "kraken");
        assertThatThrownBy(() -> properties(false, Map.of("USD", List.of("binance"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("flash.rates.sources.USD: unknown source binance (known: kraken, bitstamp, coingecko)");
    }
}
