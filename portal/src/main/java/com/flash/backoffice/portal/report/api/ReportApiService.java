package com.flash.backoffice.portal.report.api;

import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.StorePermissions;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.portal.report.ExportAudit;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportDefinition;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.export.ReportParameter;
import com.flash.backoffice.reports.export.ReportRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code GET /api/v1/reports/{name}} for API keys holding {@value StorePermissions#VIEW_REPORTS}. A report with a
 * merchant filter needs {@code storeId} and the permission on that store; a report over the whole ledger needs a
 * key for every store (bound to none, permission not store-scoped). {@code from}/{@code to} are unix seconds, the
 * period {@code [from, to)}; the format is csv (default), xlsx or pdf. The export streams straight to the response
 * and is audited with its row count.
 */
@Service
public class ReportApiService {

    static final String API_KEY = "hasAuthority('API_KEY')";
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    /** Where the file goes once the request is checked: sets the response headers and opens its body. */
    @FunctionalInterface
    public interface Target {
        OutputStream open(ReportDownload download) throws IOException;
    }

    private final ReportRegistry registry;
    private final ReportExporter exporter;
    private final MerchantRepository merchants;
    private final StorePermissions permissions;
    private final AuditService audit;

    ReportApiService(
            ReportRegistry registry,
            ReportExporter exporter,
            MerchantRepository merchants,
            StorePermissions permissions,
            AuditService audit) {
        this.registry = registry;
        this.exporter = exporter;
        this.merchants = merchants;
        this.permissions = permissions;
        this.audit = audit;
    }

    @PreAuthorize(API_KEY)
    @Transactional
    public ExportResult export(String name, String from, String to, String format, String storeId, Target target) {
        ReportDownload download = check(name, from, to, format, storeId);
        ExportResult result;
        try (OutputStream out = target.open(download)) {
            result = exporter.export(download.report(), download.criteria(), download.format(), out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not send report " + name, e);
        }
        ReportCriteria criteria = download.criteria();
        audit.record(
                ExportAudit.ACTION_DOWNLOAD,
                ExportAudit.TARGET_TYPE,
                download.report(),
                null,
                new ExportAudit(
                        download.report(),
                        criteria.from(),
                        criteria.to(),
                        criteria.merchantId(),
                        download.format(),
                        result.rows(),
                        "api",
                        null),
                null);
        return result;
    }

    private ReportDownload check(String name, String from, String to, String format, String storeId) {
        if (!permissions.hasOnAnyStore(StorePermissions.VIEW_REPORTS)) {
            throw new AccessDeniedException("no report permission");
        }
        ReportDefinition report = registry.find(name)
                .orElseThrow(() -> ApiException.notFound("report-not-found", "No report named '" + name + "'."));
        ReportFormat reportFormat = format(format);
        Instant start = report.parameters().contains(ReportParameter.FROM) ? seconds("from", from) : null;
        Instant end = seconds("to", to);
        if (start != null && !start.isBefore(end)) {
            throw invalid("invalid-period", "'to' must be after 'from': the period is [from, to).");
        }
        boolean perStore = report.parameters().contains(ReportParameter.MERCHANT);
        if (perStore) {
            if (storeId == null || storeId.isBlank()) {
                throw invalid("missing-store", "Report '" + name + "' is for one store: give storeId.");
            }
            if (!permissions.has(storeId, StorePermissions.VIEW_REPORTS)) {
                throw new AccessDeniedException("no report permission on store " + storeId);
            }
            if (merchants.findById(storeId).isEmpty()) {
                throw ApiException.storeNotFound();
            }
        } else {
            if (storeId != null) {
                throw invalid("store-not-applicable", "Report '" + name + "' covers every store: omit storeId.");
            }
            if (!permissions.hasOnEveryStore(StorePermissions.VIEW_REPORTS)) {
                throw new AccessDeniedException("report " + name + " needs a key for every store");
            }
        }
        ReportCriteria criteria = new ReportCriteria(start, end, perStore ? storeId : null);
        StringBuilder fileName = new StringBuilder(name);
        if (start != null) {
            fileName.append('_').append(FILE_TIME.format(start));
        }
        fileName.append('_').append(FILE_TIME.format(end));
        if (perStore) {
            fileName.append('_').append(storeId);
        }
        fileName.append('.').append(reportFormat.extension());
        return new ReportDownload(name, criteria, reportFormat, fileName.toString());
    }

    private static ReportFormat format(String format) {
        if (format == null || format.isBlank()) {
            return ReportFormat.CSV;
        }
        return switch (format.toLowerCase(Locale.ROOT)) {
            case "csv" -> ReportFormat.CSV;
            case "xlsx" -> ReportFormat.XLSX;
            case "pdf" -> ReportFormat.PDF;
            default -> throw invalid("invalid-format", "Unknown format '" + format + "': use csv, xlsx or pdf.");
        };
    }

    private static Instant seconds(String parameter, String value) {
        if (value == null || value.isBlank()) {
            throw invalid("missing-" + parameter, "Give '" + parameter + "' as unix seconds.");
        }
        try {
            return Instant.ofEpochSecond(Long.parseLong(value.trim()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw invalid("invalid-" + parameter, "'" + parameter + "' must be unix seconds, not '" + value + "'.");
        }
    }

    private static ApiException invalid(String code, String message) {
        return ApiException.of(HttpStatus.BAD_REQUEST, code, message);
    }
}
