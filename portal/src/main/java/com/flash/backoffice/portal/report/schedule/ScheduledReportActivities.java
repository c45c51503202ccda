package com.flash.backoffice.portal.report.schedule;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.reportschedule.ReportSchedule;
import com.flash.backoffice.db.reportschedule.ReportScheduleRepository;
import com.flash.backoffice.db.reportschedule.RunStatus;
import com.flash.backoffice.db.reportschedule.ScheduleRun;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.export.ReportRegistry;
import com.flash.backoffice.workflows.reportschedule.PeriodOutcome;
import com.flash.backoffice.workflows.reportschedule.PeriodRequest;
import com.flash.backoffice.workflows.reportschedule.PeriodResult;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleActivities;
import com.flash.backoffice.workflows.reportschedule.ReportScheduleFailure;
import com.flash.backoffice.workflows.reportschedule.SchedulePeriod;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Exports a schedule's report for one period into a temporary file and e-mails it. The run is recorded SENDING
 * before the mail goes to the SMTP server and SENT after, together with the audit entry: a retried attempt never
 * mails a period recorded SENT again. Delivery is at least once: an attempt that failed (or died) between the
 * server's acceptance and the SENT record is retried and sends the mail again, under the same Message-ID
 * ({@link ScheduledReportMessage#stableId}), so recipients' mail systems can tell it is the same message.
 */
@Component
class ScheduledReportActivities implements ReportScheduleActivities {

    static final String AUDIT_ACTOR = "system:report-schedule";
    static final String AUDIT_ACTION = "report.scheduled-export";

    private final DSLContext ctx;
    private final ReportMailer mailer;
    private final JsonMapper json;
    private final ReportRegistry registry;
    private final ReportExporter exporter;

    ScheduledReportActivities(
            DSLContext ctx, ReportMailer mailer, JsonMapper json, ReportRegistry registry, ReportExporter exporter) {
        this.ctx = ctx;
        this.mailer = mailer;
        this.json = json;
        this.registry = registry;
        this.exporter = exporter;
    }

    @Override
    public PeriodResult sendPeriod(PeriodRequest request) {
        ReportScheduleRepository schedules = new ReportScheduleRepository(ctx);
        SchedulePeriod period = request.period();
        ReportSchedule schedule = schedules
                .find(request.scheduleId())
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no report schedule " + request.scheduleId(), ReportScheduleFailure.SCHEDULE_NOT_FOUND.name()));
        Optional<ScheduleRun> recorded = schedules.findRun(schedule.id(), period.from(), period.to());
        if (recorded.isPresent() && recorded.get().sent()) {
            return new PeriodResult(PeriodOutcome.ALREADY_SENT, recorded.get().rows());
        }
        if (!schedule.active()) {
            schedules.recordRun(run(schedule, period, RunStatus.SKIPPED, null, "the schedule was cancelled"));
            return new PeriodResult(PeriodOutcome.SCHEDULE_CANCELLED, null);
        }
        try {
            return exportAndSend(schedule, period);
        } catch (RuntimeException e) {
            schedules.recordRun(run(schedule, period, RunStatus.FAILED, null, describe(e)));
            throw e;
        }
    }

    private PeriodResult exportAndSend(ReportSchedule schedule, SchedulePeriod period) {
        ReportFormat format = ReportFormat.valueOf(schedule.format());
        Path file = null;
        try {
            file = Files.createTempFile("flash-scheduled-report-", "." + format.extension());
            ExportResult result;
            try (OutputStream out = Files.newOutputStream(file)) {
                ReportCriteria criteria = new ReportCriteria(period.from(), period.to(), schedule.merchantId());
                result = exporter.export(schedule.report(), criteria, format, out);
            }
            String title = registry.get(schedule.report()).title();
            new ReportScheduleRepository(ctx).recordRun(run(schedule, period, RunStatus.SENDING, result.rows(), null));
            mailer.send(ScheduledReportMessage.mail(schedule, title, period, result, file));
            boolean emailed = mailer.delivers();
            RunStatus status = emailed ? RunStatus.SENT : RunStatus.LOGGED;
            ScheduledExport audited = new ScheduledExport(
                    schedule.report(),
                    schedule.format(),
                    schedule.merchantId(),
                    period.from(),
                    period.to(),
                    result.rows(),
                    schedule.recipients(),
                    emailed);
            ctx.transaction(tx -> {
                new ReportScheduleRepository(tx.dsl()).recordRun(run(schedule, period, status, result.rows(), null));
                new AuditLogRepository(tx.dsl())
                        .append(new AuditEvent(
                                AUDIT_ACTOR,
                                List.of(),
                                AUDIT_ACTION,
                                "report-schedule",
                                schedule.id(),
                                null,
                                json.writeValueAsString(audited),
                                null));
            });
            return new PeriodResult(emailed ? PeriodOutcome.SENT : PeriodOutcome.LOGGED, result.rows());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to a temporary file", e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static ScheduleRun run(
            ReportSchedule schedule, SchedulePeriod period, RunStatus status, Long rows, String error) {
        boolean done = status == RunStatus.SENT || status == RunStatus.LOGGED;
        return new ScheduleRun(
                schedule.id(),
                period.from(),
                period.to(),
                status,
                rows,
                done ? UtcTimestamps.now() : null,
                error,
                null);
    }

    private static String describe(RuntimeException e) {
        StringBuilder message = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            message.append("; caused by ").append(cause.getMessage());
        }
        return message.toString();
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover temporary file is harmless
        }
    }
}
