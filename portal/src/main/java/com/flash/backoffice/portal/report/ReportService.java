package com.flash.backoffice.portal.report;

import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.report.NewReportExport;
import com.flash.backoffice.db.report.ReportExport;
import com.flash.backoffice.db.report.ReportExportRepository;
import com.flash.backoffice.db.report.ReportExportStatus;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportDefinition;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.export.ReportParameter;
import com.flash.backoffice.reports.export.ReportRegistry;
import com.flash.backoffice.workflows.report.ReportExportWorkflows;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accounting reports for ACCOUNTANT, FINANCE and ADMIN: checks a request, streams a small export at once, and
 * starts a large one as workflow {@code report-export-<id>} whose file is kept for download (the rule is
 * {@link ExportPlacement}). Every export is audited: who, report, period, merchant, format and rows.
 */
@Service
public class ReportService {

    static final String REPORT_ROLES = "hasAnyRole('ACCOUNTANT', 'FINANCE', 'ADMIN')";
    private static final int MERCHANT_CHOICES = 1000;

    private final ReportRegistry registry;
    private final ReportExporter exporter;
    private final ReportPeriods periods;
    private final ReportProperties properties;
    private final RowCounter counter;
    private final MerchantRepository merchants;
    private final ReportExportRepository exports;
    private final ReportFiles files;
    private final AuditService audit;
    private final CurrentUser currentUser;
    private final WorkflowClient workflows;
    private final TransactionTemplate transaction;

    ReportService(
            ReportRegistry registry,
            ReportExporter exporter,
            ReportPeriods periods,
            ReportProperties properties,
            RowCounter counter,
            MerchantRepository merchants,
            ReportExportRepository exports,
            ReportFiles files,
            AuditService audit,
            CurrentUser currentUser,
            WorkflowClient workflows,
            TransactionTemplate transaction) {
        this.registry = registry;
        this.exporter = exporter;
        this.periods = periods;
        this.properties = properties;
        this.counter = counter;
        this.merchants = merchants;
        this.exports = exports;
        this.files = files;
        this.audit = audit;
        this.currentUser = currentUser;
        this.workflows = workflows;
        this.transaction = transaction;
    }

    @PreAuthorize(REPORT_ROLES)
    public List<ReportChoice> reports() {
        return registry.all().stream().map(ReportChoice::of).toList();
    }

    @PreAuthorize(REPORT_ROLES)
    public List<MerchantOption> merchants() {
        return merchants.findAll(0, MERCHANT_CHOICES, null).stream()
                .map(merchant -> new MerchantOption(merchant.id(), merchant.name()))
                .toList();
    }

    /** The period of a preset; empty for CUSTOM. */
    @PreAuthorize(REPORT_ROLES)
    public Optional<ReportRange> range(ReportPeriod preset) {
        return preset == null || preset == ReportPeriod.CUSTOM ? Optional.empty() : Optional.of(periods.range(preset));
    }

    @PreAuthorize(REPORT_ROLES)
    public ZoneId timeZone() {
        return periods.zone();
    }

    /** Checks the request; a large export is recorded, audited and started here. Nothing is written when invalid. */
    @PreAuthorize(REPORT_ROLES)
    public ReportPlan plan(ReportRequest request) {
        List<ReportFieldError> errors = new ArrayList<>();
        Optional<ReportDefinition> definition =
                request.report() == null ? Optional.empty() : registry.find(request.report());
        if (definition.isEmpty()) {
            errors.add(new ReportFieldError(ReportField.REPORT, "Choose a report."));
        }
        if (request.format() == null) {
            errors.add(new ReportFieldError(ReportField.FORMAT, "Choose a format."));
        }
        Optional<ReportRange> range = range(request, definition.map(ReportChoice::of), errors);
        boolean needsMerchant = definition
                .map(d -> d.parameters().contains(ReportParameter.MERCHANT))
                .orElse(false);
        String merchantId = needsMerchant ? request.merchantId() : null;
        if (needsMerchant && merchantId == null) {
            errors.add(new ReportFieldError(ReportField.MERCHANT, "Choose a merchant."));
        } else if (needsMerchant && merchants.findById(merchantId).isEmpty()) {
            errors.add(new ReportFieldError(ReportField.MERCHANT, "No such merchant."));
        }
        if (!errors.isEmpty()) {
            return new ReportPlan.Invalid(errors);
        }
        ReportDefinition report = definition.orElseThrow();
        ReportCriteria criteria = criteria(report, range.orElseThrow(), merchantId);
        ExportPlacement placement = ExportPlacement.decide(
                criteria,
                properties.immediateRowLimit(),
                properties.backgroundAfterDays(),
                cap -> counter.countUpTo(report, criteria, cap));
        if (placement == ExportPlacement.IMMEDIATE) {
            return new ReportPlan.Immediate(
                    report.name(),
                    criteria,
                    request.format(),
                    ReportFiles.downloadName(
                            report.name(), criteria.from(), criteria.to(), merchantId, request.format()));
        }
        return new ReportPlan.Started(startInBackground(report, criteria, request.format()));
    }

    /** Streams a small export to {@code out} and audits it with its row count. */
    @PreAuthorize(REPORT_ROLES)
    @Transactional
    public ExportResult exportNow(ReportPlan.Immediate plan, OutputStream out) {
        ExportResult result = exporter.export(plan.report(), plan.criteria(), plan.format(), out);
        ReportCriteria criteria = plan.criteria();
        audit.record(
                ExportAudit.ACTION_DOWNLOAD,
                ExportAudit.TARGET_TYPE,
                plan.report(),
                null,
                new ExportAudit(
                        plan.report(),
                        criteria.from(),
                        criteria.to(),
                        criteria.merchantId(),
                        plan.format(),
                        result.rows(),
                        "ui",
                        null),
                null);
        return result;
    }

    /** Newest first, each with its kept file when there is one. */
    @PreAuthorize(REPORT_ROLES)
    public List<ExportListing> exports(int offset, int limit) {
        return exports.recent(offset, limit).stream()
                .map(export -> new ExportListing(export, kept(export)))
                .toList();
    }

    @PreAuthorize(REPORT_ROLES)
    public int exportCount() {
        return exports.count();
    }

    @PreAuthorize(REPORT_ROLES)
    public Optional<ReportExport> export(String exportId) {
        return exports.findById(exportId);
    }

    /** The file of a finished export, when it is still kept. */
    private Optional<KeptFile> kept(ReportExport found) {
        return Optional.of(found)
                .filter(export -> export.status() == ReportExportStatus.DONE)
                .filter(export -> Files.isRegularFile(keptPath(export)))
                .map(export -> new KeptFile(
                        export.id(),
                        ReportFiles.downloadName(
                                export.report(),
                                export.from(),
                                export.to(),
                                export.merchantId(),
                                ReportFormat.valueOf(export.format())),
                        ReportFormat.valueOf(export.format()),
                        export.bytes()));
    }

    /** Copies a kept file to {@code out} and audits the download. */
    @PreAuthorize(REPORT_ROLES)
    @Transactional
    public void downloadKeptFile(String exportId, OutputStream out) {
        ReportExport export = exports.findById(exportId)
                .filter(found -> found.status() == ReportExportStatus.DONE)
                .orElseThrow(() -> new IllegalArgumentException("export " + exportId + " has no kept file"));
        try {
            Files.copy(keptPath(export), out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the kept file of export " + exportId, e);
        }
        audit.record(
                ExportAudit.ACTION_DOWNLOAD,
                ExportAudit.TARGET_TYPE,
                export.report(),
                null,
                new ExportAudit(
                        export.report(),
                        export.from(),
                        export.to(),
                        export.merchantId(),
                        ReportFormat.valueOf(export.format()),
                        export.rowsWritten(),
                        "ui-kept-file",
                        export.id()),
                null);
    }

    private Path keptPath(ReportExport export) {
        return files.directory().resolve(export.fileName());
    }

    private String startInBackground(ReportDefinition report, ReportCriteria criteria, ReportFormat format) {
        String requestedBy = currentUser.require().username();
        ReportExport export = transaction.execute(status -> {
            ReportExport created = exports.create(new NewReportExport(
                    report.name(), criteria.from(), criteria.to(), criteria.merchantId(), format.name(), requestedBy));
            audit.record(
                    ExportAudit.ACTION_REQUESTED,
                    ExportAudit.TARGET_TYPE,
                    report.name(),
                    null,
                    new ExportAudit(
                            report.name(),
                            criteria.from(),
                            criteria.to(),
                            criteria.merchantId(),
                            format,
                            null,
                            "workflow",
                            created.id()),
                    null);
            return created;
        });
        try {
            ReportExportWorkflows.start(workflows, export.id());
        } catch (RuntimeException e) {
            exports.fail(export.id(), "the export workflow could not start: " + e.getMessage(), Instant.now());
            throw e;
        }
        return export.id();
    }

    private Optional<ReportRange> range(
            ReportRequest request, Optional<ReportChoice> report, List<ReportFieldError> errors) {
        if (request.period() == null) {
            errors.add(new ReportFieldError(ReportField.PERIOD, "Choose a period."));
            return Optional.empty();
        }
        if (request.period() != ReportPeriod.CUSTOM) {
            return Optional.of(periods.range(request.period()));
        }
        // a balance report reads only the end of the period: everything booked before the day after the last day
        boolean needsFirstDay = report.map(ReportChoice::period).orElse(true);
        if (needsFirstDay && request.firstDay() == null) {
            errors.add(new ReportFieldError(ReportField.FIRST_DAY, "Enter the first day."));
        }
        if (request.lastDay() == null) {
            errors.add(new ReportFieldError(ReportField.LAST_DAY, "Enter the last day."));
            return Optional.empty();
        }
        if (!needsFirstDay) {
            return Optional.of(periods.days(request.lastDay(), request.lastDay()));
        }
        if (request.firstDay() == null) {
            return Optional.empty();
        }
        if (request.lastDay().isBefore(request.firstDay())) {
            errors.add(new ReportFieldError(ReportField.LAST_DAY, "The last day cannot be before the first day."));
            return Optional.empty();
        }
        return Optional.of(periods.days(request.firstDay(), request.lastDay()));
    }

    private static ReportCriteria criteria(ReportDefinition report, ReportRange range, String merchantId) {
        Instant from = report.parameters().contains(ReportParameter.FROM) ? range.from() : null;
        return new ReportCriteria(from, range.to(), merchantId);
    }
}
