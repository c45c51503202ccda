package com.flash.backoffice.portal.report.schedule;

import com.flash.backoffice.db.reportschedule.ReportSchedule;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.workflows.reportschedule.SchedulePeriod;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;

/** The wording of a scheduled report's e-mail and the attachment's file name. */
final class ScheduledReportMessage {

    private ScheduledReportMessage() {}

    static ReportMail mail(
            ReportSchedule schedule, String reportTitle, SchedulePeriod period, ExportResult result, Path file) {
        ReportFormat format = ReportFormat.valueOf(schedule.format());
        String label = periodLabel(schedule, period);
        String text = String.join(
                "\n",
                "Hello,",
                "",
                "attached is the " + reportTitle + " report for " + label + " ("
                        + schedule.frequency().name().toLowerCase() + " schedule).",
                "",
                "Period: " + local(schedule, period) + " (" + schedule.timeZone() + "), from inclusive, to exclusive",
                "        " + period.from() + " to " + period.to() + " (UTC)",
                schedule.merchantId() == null ? "" : "Merchant: " + schedule.merchantId(),
                "Rows: " + result.rows() + (result.empty() ? " (no entries in this period)" : ""),
                "",
                "Schedule " + schedule.id() + ", created by " + schedule.createdBy()
                        + ". An accountant or administrator can cancel it in the back office under Scheduled reports.");
        return new ReportMail(
                stableId(schedule, period),
                schedule.recipients(),
                "Flash report: " + reportTitle + " " + label,
                text,
                schedule.report() + "-" + label + "." + format.extension(),
                format.contentType(),
                file);
    }

    /** The same for every attempt at one period of one schedule, and for no other mail. */
    static String stableId(ReportSchedule schedule, SchedulePeriod period) {
        return "report-schedule." + schedule.id() + "." + period.fromMillis() + "-" + period.toMillis();
    }

    /** "2025-06-09" for a day, "2025-W24" for an ISO week, "2025-06" for a month (in the schedule's zone). */
    static String periodLabel(ReportSchedule schedule, SchedulePeriod period) {
        LocalDate start = period.from().atZone(ZoneId.of(schedule.timeZone())).toLocalDate();
        return switch (schedule.frequency()) {
            case DAILY -> start.toString();
            case WEEKLY ->
                String.format(
                        "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR), start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case MONTHLY -> YearMonth.from(start).toString();
        };
    }

    private static String local(ReportSchedule schedule, SchedulePeriod period) {
        ZoneId zone = ZoneId.of(schedule.timeZone());
        DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
        return period.from().atZone(zone).format(format) + " to "
                + period.to().atZone(zone).format(format);
    }
}
