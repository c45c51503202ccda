package com.flash.backoffice.workflows.rate;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;

/**
 * Bitstamp's public ticker, {@code GET /api/v2/ticker/btcusd/}: {@code {"last":"97000.00","bid":...,"ask":...,
 * "timestamp":...}}, prices as strings.
 */
public final class BitstampRateProvider implements RateProvider {

    private final URI baseUrl;
    private final JsonRateClient client;

    BitstampRateProvider(URI baseUrl, JsonRateClient client) {
        this.baseUrl = baseUrl;
        this.client = client;
    }

    @Override
    public String name() {
        return "bitstamp";
    }

    @Override
    public BigDecimal btcPrice(String currency) {
        String pair = "btc" + currency.toLowerCase(Locale.ROOT);
        return JsonRateClient.price(
                client.get(JsonRateClient.resolve(baseUrl, "/api/v2/ticker/" + pair + "/"))
                        .path("last"),
                "last price");
    }
}
