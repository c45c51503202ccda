package com.flash.backoffice.workflows.report;

import com.flash.backoffice.db.report.ReportExportStatus;

/** How an export ended: DONE with its rows, bytes and kept file, or FAILED with the reason. */
public record ReportExportOutcome(
        String exportId, ReportExportStatus status, long rows, long bytes, String fileName, String error) {

    public static ReportExportOutcome done(String exportId, long rows, long bytes, String fileName) {
        return new ReportExportOutcome(exportId, ReportExportStatus.DONE, rows, bytes, fileName, null);
    }

    public static ReportExportOutcome failed(String exportId, String error) {
        return new ReportExportOutcome(exportId, ReportExportStatus.FAILED, 0, 0, null, error);
    }
}
