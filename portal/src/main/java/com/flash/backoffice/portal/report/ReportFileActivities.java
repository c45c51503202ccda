package com.flash.backoffice.portal.report;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.report.ReportExport;
import com.flash.backoffice.db.report.ReportExportRepository;
import com.flash.backoffice.db.report.ReportExportStatus;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportDefinition;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.export.ReportRegistry;
import com.flash.backoffice.workflows.report.ReportExportActivities;
import com.flash.backoffice.workflows.report.ReportExportOutcome;
import com.flash.backoffice.workflows.report.ReportExportWorkflow;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export workflow's activities. They live in the portal, not beside the workflow, because they render through
 * the reports module, which the workflows module does not depend on.
 *
 * <p>Idempotent: a finished export returns its recorded outcome; an attempt writes its own partial file and moves
 * it onto the export's one file name, and completion (row and audit entry) is a conditional update that only the
 * first finishing attempt wins.
 */
@Component
class ReportFileActivities implements ReportExportActivities {

    static final String FAILURE_UNKNOWN_EXPORT = "REPORT_EXPORT_NOT_FOUND";
    static final String FAILURE_UNKNOWN_REPORT = "REPORT_NOT_FOUND";
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

    private final ReportExporter exporter;
    private final ReportRegistry registry;
    private final ReportExportRepository exports;
    private final AuditLogRepository auditLog;
    private final TransactionTemplate transaction;
    private final ReportFiles files;
    private final RowCounter counter;
    private final JsonMapper json;
    private final Clock clock = Clock.systemUTC();

    ReportFileActivities(
            ReportExporter exporter,
            ReportRegistry registry,
            ReportExportRepository exports,
            AuditLogRepository auditLog,
            TransactionTemplate transaction,
            ReportFiles files,
            RowCounter counter,
            JsonMapper json) {
        this.exporter = exporter;
        this.registry = registry;
        this.exports = exports;
        this.auditLog = auditLog;
        this.transaction = transaction;
        this.files = files;
        this.counter = counter;
        this.json = json;
    }

    @Override
    public ReportExportOutcome export(String exportId) {
        ReportExport export = exports.findById(exportId)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no report export " + exportId, FAILURE_UNKNOWN_EXPORT));
        if (export.status().finished()) {
            return outcome(export);
        }
        ReportDefinition definition = registry.find(export.report())
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no report named " + export.report(), FAILURE_UNKNOWN_REPORT));
        ReportCriteria criteria = criteria(export);
        ReportFormat format = ReportFormat.valueOf(export.format());
        ActivityExecutionContext activity = Activity.getExecutionContext();
        files.deleteParts(exportId);
        exports.start(exportId, counter.count(definition, criteria));

        Progress progress = new Progress(exportId, activity);
        Path part = files.part(exportId, format, activity.getInfo().getAttempt());
        Path kept = files.kept(exportId, format);
        ExportResult result;
        try (OutputStream out = new CountingOutputStream(Files.newOutputStream(part), progress::bytes)) {
            result = exporter.export(definition.name(), criteria, format, out, progress::rows);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + part, e);
        }
        long bytes = move(part, kept);
        Instant finished = clock.instant();
        transaction.executeWithoutResult(status -> {
            if (exports.complete(
                    exportId, result.rows(), bytes, kept.getFileName().toString(), finished)) {
                audit(export, ExportAudit.ACTION_COMPLETED, result.rows(), null);
            }
        });
        return outcome(exports.findById(exportId).orElseThrow());
    }

    @Override
    public ReportExportOutcome fail(String exportId, String error) {
        ReportExport export = exports.findById(exportId)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no report export " + exportId, FAILURE_UNKNOWN_EXPORT));
        transaction.executeWithoutResult(status -> {
            if (exports.fail(exportId, error, clock.instant())) {
                audit(export, ExportAudit.ACTION_FAILED, null, error);
            }
        });
        files.deleteParts(exportId);
        return outcome(exports.findById(exportId).orElseThrow());
    }

    static ReportCriteria criteria(ReportExport export) {
        return new ReportCriteria(export.from(), export.to(), export.merchantId());
    }

    private static long move(Path part, Path kept) {
        try {
            Files.move(part, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(kept);
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep " + kept, e);
        }
    }

    private void audit(ReportExport export, String action, Long rows, String error) {
        ExportAudit after = new ExportAudit(
                export.report(),
                export.from(),
                export.to(),
                export.merchantId(),
                ReportFormat.valueOf(export.format()),
                rows,
                "workflow",
                export.id());
        auditLog.append(new AuditEvent(
                export.requestedBy(),
                List.of(),
                action,
                ExportAudit.TARGET_TYPE,
                export.report(),
                null,
                json.writeValueAsString(after),
                error == null
                        ? "written by workflow " + ReportExportWorkflow.workflowId(export.id())
                        : "workflow " + ReportExportWorkflow.workflowId(export.id()) + " failed: " + error));
    }

    private static ReportExportOutcome outcome(ReportExport export) {
        if (export.status() == ReportExportStatus.DONE) {
            return ReportExportOutcome.done(export.id(), export.rowsWritten(), export.bytes(), export.fileName());
        }
        return ReportExportOutcome.failed(export.id(), export.error());
    }

    /** Heartbeats and records rows written, at most every {@link #PROGRESS_EVERY}. */
    private final class Progress {

        private final String exportId;
        private final ActivityExecutionContext activity;
        private long rows;
        private Instant next = Instant.MIN;

        Progress(String exportId, ActivityExecutionContext activity) {
            this.exportId = exportId;
            this.activity = activity;
        }

        void rows(long written) {
            rows = written;
            report();
        }

        void bytes(long written) {
            report();
        }

        private void report() {
            Instant now = clock.instant();
            if (now.isBefore(next)) {
                return;
            }
            next = now.plus(PROGRESS_EVERY);
            activity.heartbeat(rows);
            exports.progress(exportId, rows);
        }
    }
}
