package com.flash.backoffice.workflows.rate;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Development only: fixed prices for a few currencies, for the embedded default that has no internet. Announced
 * like the simulated network and refused under the {@code prod} profile (see {@link RateConfiguration}).
 */
public final class SimulatedRateProvider implements RateProvider {

    public static final String NAME = "simulated";

    static final Map<String, BigDecimal> PRICES = Collections.unmodifiableMap(new TreeMap<>(Map.of(
            "USD", new BigDecimal("100000.00"),
            "EUR", new BigDecimal("92000.00"),
            "GBP", new BigDecimal("79000.00"))));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public BigDecimal btcPrice(String currency) {
        BigDecimal price = PRICES.get(currency);
        if (price == null) {
            throw new RateProviderException("the simulated source knows only " + PRICES.keySet());
        }
        return price;
    }
}
