package com.flash.backoffice.workflows.rate;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flash.rates.*}: the sources of each fiat currency in order (primary first, then fallbacks), how often they
 * are fetched, how old the newest rate may be before fiat invoices are refused, how far a source may lie from the
 * others and a manual rate from the sources' median, the providers' base URLs and timeout, and the development-only
 * simulated source.
 */
@ConfigurationProperties("flash.rates")
public record RateProperties(
        boolean simulated,
        boolean fetchEnabled,
        Duration fetchInterval,
        Duration maxAge,
        Duration timeout,
        BigDecimal maxSourceDeviationPercent,
        BigDecimal maxManualDeviationPercent,
        Map<String, List<String>> sources,
        Urls urls) {

    public static final Set<String> PROVIDERS = Set.of("kraken", "bitstamp", "coingecko");

    /** Where each provider's public API lives; tests point them at a local server. */
    public record Urls(URI kraken, URI bitstamp, URI coingecko) {
        public Urls {
            kraken = kraken == null ? URI.create("https://api.kraken.com") : kraken;
            bitstamp = bitstamp == null ? URI.create("https://www.bitstamp.net") : bitstamp;
            coingecko = coingecko == null ? URI.create("https://api.coingecko.com") : coingecko;
        }
    }

    public RateProperties {
        fetchInterval = fetchInterval == null ? Duration.ofMinutes(1) : fetchInterval;
        maxAge = maxAge == null ? Duration.ofMinutes(10) : maxAge;
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        maxSourceDeviationPercent =
                maxSourceDeviationPercent == null ? new BigDecimal("20") : maxSourceDeviationPercent;
        maxManualDeviationPercent = maxManualDeviationPercent == null ? new BigDecimal("5") : maxManualDeviationPercent;
        sources = sources == null || sources.isEmpty() ? defaultSources() : normalised(sources);
        urls = urls == null ? new Urls(null, null, null) : urls;
        if (!fetchInterval.isPositive() || !maxAge.isPositive() || !timeout.isPositive()) {
            throw new IllegalArgumentException(
                    "flash.rates.fetch-interval, max-age and timeout must be positive durations");
        }
        if (maxSourceDeviationPercent.signum() <= 0 || maxManualDeviationPercent.signum() <= 0) {
            throw new IllegalArgumentException(
                    "flash.rates.max-source-deviation-percent and max-manual-deviation-percent must be positive");
        }
        sources.forEach((currency, names) -> {
            if (!currency.matches("[A-Z]{3}") || names.isEmpty()) {
                throw new IllegalArgumentException(
                        "flash.rates.sources." + currency + ": a fiat ISO 4217 code with at least one source");
            }
            names.stream().filter(name -> !PROVIDERS.contains(name)).findFirst().ifPresent(name -> {
                throw new IllegalArgumentException("flash.rates.sources." + currency + ": unknown source " + name
                        + " (known: kraken, bitstamp, coingecko)");
            });
        });
    }

    /** The sources of {@code currency} as fetched: the configured ones, or only the simulated one. */
    public List<String> sourcesOf(String currency) {
        if (simulated) {
            return SimulatedRateProvider.PRICES.containsKey(currency) ? List.of(SimulatedRateProvider.NAME) : List.of();
        }
        return sources.getOrDefault(currency, List.of());
    }

    /** The currencies fetched on schedule. */
    public Set<String> currencies() {
        return simulated ? SimulatedRateProvider.PRICES.keySet() : sources.keySet();
    }

    private static Map<String, List<String>> defaultSources() {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        sources.put("USD", List.of("kraken", "bitstamp", "coingecko"));
        sources.put("EUR", List.of("kraken", "bitstamp", "coingecko"));
        sources.put("GBP", List.of("kraken", "bitstamp", "coingecko"));
        return sources;
    }

    private static Map<String, List<String>> normalised(Map<String, List<String>> configured) {
        Map<String, List<String>> sources = new LinkedHashMap<>();
        configured.forEach((currency, names) -> sources.put(
                currency.strip().toUpperCase(),
                names.stream().map(name -> name.strip().toLowerCase()).toList()));
        return sources;
    }
}
