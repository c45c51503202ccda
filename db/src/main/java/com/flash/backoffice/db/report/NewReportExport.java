package com.flash.backoffice.db.report;

import java.time.Instant;
import java.util.Objects;

/** What a staff member asked to export in the background; the period is [from, to) in UTC, either may be open. */
public record NewReportExport(
        String report, Instant from, Instant to, String merchantId, String format, String requestedBy) {

    public NewReportExport {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
