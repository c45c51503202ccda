package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportFormat;
import java.time.Instant;

/**
 * What the audit log keeps of an export: which report, for which period and merchant, in which format, how many
 * rows, how it was delivered ({@code ui}, {@code ui-kept-file}, {@code workflow}, {@code api}) and the background
 * export's id when there is one.
 */
public record ExportAudit(
        String report,
        Instant from,
        Instant to,
        String merchantId,
        ReportFormat format,
        Long rows,
        String via,
        String exportId) {

    public static final String ACTION_DOWNLOAD = "report.download";
    public static final String ACTION_REQUESTED = "report.export.requested";
    public static final String ACTION_COMPLETED = "report.export.completed";
    public static final String ACTION_FAILED = "report.export.failed";
    public static final String TARGET_TYPE = "report";
}
