package com.flash.backoffice.workflows.rate;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Locale;

/**
 * CoinGecko's bitcoin exchange rates, {@code GET /api/v3/exchange_rates} (as BTCPay reads them): {@code {"rates":
 * {"usd":{"name":"US Dollar","unit":"$","value":97000.0,"type":"fiat"},...}}}, each value the price of one BTC.
 */
public final class CoinGeckoRateProvider implements RateProvider {

    private final URI baseUrl;
    private final JsonRateClient client;

    CoinGeckoRateProvider(URI baseUrl, JsonRateClient client) {
        this.baseUrl = baseUrl;
        this.client = client;
    }

    @Override
    public String name() {
        return "coingecko";
    }

    @Override
    public BigDecimal btcPrice(String currency) {
        String code = currency.toLowerCase(Locale.ROOT);
        return JsonRateClient.price(
                client.get(JsonRateClient.resolve(baseUrl, "/api/v3/exchange_rates"))
                        .path("rates")
                        .path(code)
                        .path("value"),
                code + " rate");
    }
}
