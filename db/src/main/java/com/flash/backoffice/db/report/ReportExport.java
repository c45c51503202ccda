package com.flash.backoffice.db.report;

import java.time.Instant;

/** One background export: its criteria, progress ({@code rowsWritten} of {@code rowsExpected}) and outcome. */
public record ReportExport(
        String id,
        String report,
        Instant from,
        Instant to,
        String merchantId,
        String format,
        String requestedBy,
        ReportExportStatus status,
        Long rowsExpected,
        long rowsWritten,
        Long bytes,
        String fileName,
        String error,
        Instant createdAt,
        Instant finishedAt) {

    /** Progress between 0 and 1; 1 once done, 0 while the number of rows is not known yet. */
    public double progress() {
        if (status == ReportExportStatus.DONE) {
            return 1.0;
        }
        if (rowsExpected == null || rowsExpected == 0) {
            return 0.0;
        }
        return Math.min(1.0, (double) rowsWritten / rowsExpected);
    }
}
