package com.flash.backoffice.portal.report.schedule;

import com.flash.backoffice.db.reportschedule.ScheduleFrequency;
import com.flash.backoffice.reports.export.ReportFormat;

/**
 * What the create form holds: a report name, the merchant where the report is about one, the format, how often,
 * the recipients as typed (separated by commas, semicolons, spaces or lines) and an IANA time zone.
 */
public record ScheduleDraft(
        String report,
        String merchantId,
        ReportFormat format,
        ScheduleFrequency frequency,
        String recipients,
        String timeZone) {}
