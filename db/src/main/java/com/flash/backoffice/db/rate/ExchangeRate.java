package com.flash.backoffice.db.rate;

import java.math.BigDecimal;
import java.time.Instant;

/** The price of one bitcoin in {@code currency}, as set by a staff member at {@code setAt}. */
public record ExchangeRate(String currency, BigDecimal btcPrice, String setBy, Instant setAt) {}
