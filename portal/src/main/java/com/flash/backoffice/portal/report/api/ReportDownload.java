package com.flash.backoffice.portal.report.api;

import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportFormat;

/** A checked API export request: the report, its criteria, the format and the file name to send. */
public record ReportDownload(String report, ReportCriteria criteria, ReportFormat format, String fileName) {}
