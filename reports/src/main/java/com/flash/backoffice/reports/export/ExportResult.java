package com.flash.backoffice.reports.export;

import java.time.Instant;

/** What an export wrote: for the audit log and for checks. {@code rows} counts the query's rows. */
public record ExportResult(String report, ReportFormat format, long rows, ReportTotals totals, Instant generatedAt) {

    public boolean empty() {
        return rows == 0;
    }
}
