package com.flash.backoffice.portal.report;

import com.flash.backoffice.reports.export.ReportFormat;
import java.time.LocalDate;

/**
 * What the view asks for, as entered: the report's name, a period preset (or CUSTOM with its first and last day,
 * both included, in the business time zone), the merchant where the report has one, and the format.
 */
public record ReportRequest(
        String report,
        ReportPeriod period,
        LocalDate firstDay,
        LocalDate lastDay,
        String merchantId,
        ReportFormat format) {}
