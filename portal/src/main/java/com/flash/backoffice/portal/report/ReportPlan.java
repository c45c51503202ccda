package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportFormat;
import java.util.List;

/** The answer to a {@link ReportRequest}: invalid input, a small export to download at once, or a started one. */
public sealed interface ReportPlan {

    record Invalid(List<ReportFieldError> errors) implements ReportPlan {
        public Invalid {
            errors = List.copyOf(errors);
        }
    }

    /** Small enough to stream now: pass it to {@link ReportService#exportNow}. */
    record Immediate(String report, ReportCriteria criteria, ReportFormat format, String fileName)
            implements ReportPlan {}

    /** Runs as workflow {@code report-export-<exportId>}; its file is kept for download. */
    record Started(String exportId) implements ReportPlan {}
}
