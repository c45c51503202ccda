package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportCriteria;
import java.time.Duration;
import java.util.function.LongUnaryOperator;

/**
 * Where an export runs. The rule: a period longer than {@code backgroundAfterDays} days always runs in the
 * background (counting its rows would already cost a scan of the period); otherwise the rows are counted, up to one
 * past {@code immediateRowLimit}, and more than the limit runs in the background. Everything else downloads at once.
 */
public enum ExportPlacement {
    IMMEDIATE,
    BACKGROUND;

    /** {@code countUpTo} counts the report's rows, stopping at its argument. */
    static ExportPlacement decide(
            ReportCriteria criteria, long immediateRowLimit, int backgroundAfterDays, LongUnaryOperator countUpTo) {
        if (criteria.from() != null
                && criteria.to() != null
                && Duration.between(criteria.from(), criteria.to()).compareTo(Duration.ofDays(backgroundAfterDays))
                        > 0) {
            return BACKGROUND;
        }
        return countUpTo.applyAsLong(immediateRowLimit + 1) > immediateRowLimit ? BACKGROUND : IMMEDIATE;
    }
}
