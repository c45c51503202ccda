package com.flash.backoffice.db.rate;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The price of one bitcoin in {@code currency} from {@code setAt}: fetched from the public sources named in
 * {@code source} (set by the fetcher), or set by a staff member ({@code source} {@value #MANUAL}, with a reason).
 */
public record ExchangeRate(
        String currency, BigDecimal btcPrice, String source, String reason, String setBy, Instant setAt) {

    public static final String MANUAL = "manual";

    public boolean manual() {
        return MANUAL.equals(source);
    }
}
