package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportFormat;

/** A finished background export's file, as offered for download. */
public record KeptFile(String exportId, String fileName, ReportFormat format, long bytes) {}
