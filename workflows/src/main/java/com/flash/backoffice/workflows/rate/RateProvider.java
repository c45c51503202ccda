package com.flash.backoffice.workflows.rate;

import java.math.BigDecimal;

/** A public source of bitcoin prices: the price of one bitcoin in a fiat currency, as the source quotes it now. */
public interface RateProvider {

    /** The name rates and statuses are kept under, e.g. {@code kraken}. */
    String name();

    /**
     * The price of one BTC in {@code currency} (ISO 4217, upper case).
     *
     * @throws RateProviderException when the source does not answer in time, answers with an error, or answers
     *     something that is not a price
     */
    BigDecimal btcPrice(String currency);
}
