package com.flash.backoffice.workflows.rate;

import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.db.rate.RateSourceStatusRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One round of fetching: asks every source of every configured currency, records each source's success or failure,
 * and stores the aggregated rate. A manual rate younger than the maximum age is left in place: FINANCE set it on
 * purpose, so the sources take over only once it has aged out.
 */
public class RateFetcher {

    public static final String SET_BY = "rate-fetcher";

    private static final Logger log = LoggerFactory.getLogger(RateFetcher.class);

    private final RateProperties properties;
    private final Map<String, RateProvider> providers;
    private final ExchangeRateRepository rates;
    private final RateSourceStatusRepository statuses;
    private final Clock clock;

    public RateFetcher(
            RateProperties properties,
            List<RateProvider> providers,
            ExchangeRateRepository rates,
            RateSourceStatusRepository statuses,
            Clock clock) {
        this.properties = properties;
        this.providers = new LinkedHashMap<>();
        providers.forEach(provider -> this.providers.put(provider.name(), provider));
        this.rates = rates;
        this.statuses = statuses;
        this.clock = clock;
    }

    /** What one currency's round gave: the stored rate if any, and the aggregation behind it. */
    public record Outcome(String currency, Optional<ExchangeRate> stored, RateAggregation.Result aggregation) {}

    public List<Outcome> fetchOnce() {
        List<Outcome> outcomes = new ArrayList<>();
        for (String currency : properties.currencies()) {
            try {
                outcomes.add(fetch(currency));
            } catch (RuntimeException e) {
                log.warn("fetching the {} rate failed; retrying on the next round", currency, e);
            }
        }
        return outcomes;
    }

    public Outcome fetch(String currency) {
        List<RateAggregation.Quote> quotes = new ArrayList<>();
        for (String source : properties.sourcesOf(currency)) {
            RateProvider provider = providers.get(source);
            try {
                quotes.add(new RateAggregation.Quote(source, provider.btcPrice(currency)));
            } catch (RateProviderException e) {
                statuses.failed(currency, source, e.getMessage(), clock.instant());
                log.warn("rate source {} failed for {}: {}", source, currency, e.getMessage());
            }
        }
        RateAggregation.Result result = RateAggregation.aggregate(quotes, properties.maxSourceDeviationPercent());
        Instant now = clock.instant();
        result.accepted().forEach(quote -> statuses.succeeded(currency, quote.source(), quote.price(), now));
        result.rejected().forEach(rejection -> {
            statuses.failed(currency, rejection.source(), rejection.reason(), now);
            log.warn("rate source {} rejected for {}: {}", rejection.source(), currency, rejection.reason());
        });
        if (result.rate() == null) {
            log.warn("no rate source answered for {}; the newest rate keeps ageing", currency);
            return new Outcome(currency, Optional.empty(), result);
        }
        Optional<ExchangeRate> current = rates.current(currency);
        if (current.isPresent() && current.get().manual() && !olderThan(current.get(), properties.maxAge(), now)) {
            return new Outcome(currency, Optional.empty(), result);
        }
        ExchangeRate stored =
                rates.record(new ExchangeRate(currency, result.rate(), result.source(), null, SET_BY, now));
        return new Outcome(currency, Optional.of(stored), result);
    }

    private static boolean olderThan(ExchangeRate rate, Duration age, Instant now) {
        return rate.setAt().plus(age).isBefore(now);
    }
}
