package com.flash.backoffice.db.rate;

import java.math.BigDecimal;
import java.time.Instant;

/** How one rate source answered for one currency: its last accepted value, and when and why it last failed. */
public record RateSourceStatus(
        String currency,
        String source,
        BigDecimal lastValue,
        Instant lastSuccessAt,
        Instant lastFailureAt,
        String lastError,
        long failureCount,
        int consecutiveFailures) {}
