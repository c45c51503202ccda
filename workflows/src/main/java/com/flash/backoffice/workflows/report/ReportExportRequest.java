package com.flash.backoffice.workflows.report;

import java.util.Objects;

/** The export to run: a {@code report_export} row, which holds the criteria. */
public record ReportExportRequest(String exportId) {

    public ReportExportRequest {
        Objects.requireNonNull(exportId, "exportId");
    }
}
