package com.flash.backoffice.portal.rate;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One source of one currency as the rates page lists it: its place in the configured order (primary or fallback),
 * its last accepted value and when, and its failures. A source that was never asked has nulls and zero failures.
 */
public record RateSourceRow(
        String currency,
        String source,
        String role,
        BigDecimal lastValue,
        Instant lastSuccessAt,
        Instant lastFailureAt,
        String lastError,
        long failureCount,
        int consecutiveFailures) {}
