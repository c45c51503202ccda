package com.flash.backoffice.workflows.rate;

import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.rate.RateSourceStatusRepository;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The rate sources: Kraken, Bitstamp and CoinGecko over HTTPS, or the development-only simulated source when
 * {@code flash.rates.simulated=true} (announced loudly, and refused under the {@code prod} profile); the fetch
 * loop only when {@code flash.rates.fetch-enabled=true}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateProperties.class)
public class RateConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RateConfiguration.class);

    @Bean
    RateMode rateMode(RateProperties properties, Environment environment) {
        RateMode mode = RateMode.decide(properties);
        if (mode.simulated()) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException("The simulated rate source is for development only and the prod"
                        + " profile is active (" + mode.reason() + ")");
            }
            log.warn("**************************************************************************************");
            log.warn("*  SIMULATED exchange rates — development only; fiat prices are NOT market prices    *");
            log.warn("*  reason: {}", mode.reason());
            log.warn("**************************************************************************************");
        } else {
            log.info(
                    "Exchange rates from {} (fetch every {}, refused when older than {})",
                    properties.sources(),
                    properties.fetchInterval(),
                    properties.maxAge());
        }
        return mode;
    }

    @Bean
    RateFetcher rateFetcher(
            RateMode mode,
            RateProperties properties,
            ExchangeRateRepository rates,
            RateSourceStatusRepository statuses) {
        List<RateProvider> providers;
        if (mode.simulated()) {
            providers = List.of(new SimulatedRateProvider());
        } else {
            JsonRateClient client = new JsonRateClient(properties.timeout());
            providers = List.of(
                    new KrakenRateProvider(properties.urls().kraken(), client),
                    new BitstampRateProvider(properties.urls().bitstamp(), client),
                    new CoinGeckoRateProvider(properties.urls().coingecko(), client));
        }
        return new RateFetcher(properties, providers, rates, statuses, Clock.systemUTC());
    }

    @Bean
    @ConditionalOnProperty(prefix = "flash.rates", name = "fetch-enabled", havingValue = "true")
    RateFetchRunner rateFetchRunner(RateFetcher fetcher, RateProperties properties) {
        return new RateFetchRunner(fetcher, properties.fetchInterval());
    }
}
