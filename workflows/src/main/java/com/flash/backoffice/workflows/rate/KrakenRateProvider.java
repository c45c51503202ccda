package com.flash.backoffice.workflows.rate;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Kraken's public ticker, {@code GET /0/public/Ticker?pair=XBTUSD}: {@code {"error":[],"result":{"XXBTZUSD":
 * {"c":["<last trade price>","<lot volume>"],...}}}}; Kraken names the pair its own way, so the one entry of
 * {@code result} is read whatever its key.
 */
public final class KrakenRateProvider implements RateProvider {

    private final URI baseUrl;
    private final JsonRateClient client;

    KrakenRateProvider(URI baseUrl, JsonRateClient client) {
        this.baseUrl = baseUrl;
        this.client = client;
    }

    @Override
    public String name() {
        return "kraken";
    }

    @Override
    public BigDecimal btcPrice(String currency) {
        JsonNode answer = client.get(JsonRateClient.resolve(baseUrl, "/0/public/Ticker?pair=XBT" + currency));
        JsonNode errors = answer.path("error");
        if (errors.isArray() && !errors.isEmpty()) {
            List<String> messages = new ArrayList<>();
            errors.forEach(error -> messages.add(error.asText()));
            throw new RateProviderException("Kraken: " + String.join("; ", messages));
        }
        JsonNode result = answer.path("result");
        if (!result.isObject() || result.size() != 1) {
            throw new RateProviderException("no XBT" + currency + " ticker in the answer");
        }
        JsonNode ticker = result.elements().next();
        return JsonRateClient.price(ticker.path("c").path(0), "last trade price (c[0])");
    }
}
