package com.flash.backoffice.portal.approval;

import java.math.BigDecimal;
import java.time.Instant;

/** An amount shown in fiat at the current rate ({@code rateSetAt}); for display only, never booked. */
public record FiatAmount(BigDecimal amount, String currency, Instant rateSetAt) {

    @Override
    public String toString() {
        return amount.toPlainString() + " " + currency;
    }
}
