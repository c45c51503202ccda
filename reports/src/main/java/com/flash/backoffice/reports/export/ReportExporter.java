package com.flash.backoffice.reports.export;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TimeZone;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongConsumer;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.fill.JRSwapFileVirtualizer;
import net.sf.jasperreports.engine.util.JRSwapFile;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Renders registered reports to PDF, XLSX or CSV. Rows stream from a jOOQ cursor (never a list): into
 * JasperReports for PDF, with a swap-file virtualizer so filled pages go to disk and memory stays bounded; straight
 * into an RFC 4180 writer for CSV and into POI's streaming workbook for XLSX, which need no page layout. Templates
 * are compiled from their {@code .jrxml} on first use and cached.
 *
 * <p>Every output carries the title, the generation time, the criteria, totals per currency and, when the period
 * has no rows, the line {@value #NO_DATA}. PDF pages are numbered "Page n of m".
 */
public final class ReportExporter {

    public static final String NO_DATA = "No entries in this period";

    /** Template parameters every report gets. */
    public static final String P_TITLE = "REPORT_TITLE";

    public static final String P_GENERATED_AT = "GENERATED_AT";
    public static final String P_CRITERIA = "CRITERIA_TEXT";
    public static final String P_TOTALS = "TOTALS";

    static final int FETCH_SIZE = 5_000;
    private static final int PAGES_IN_MEMORY = 100;

    private final DSLContext ctx;
    private final ReportRegistry registry;
    private final Path swapDirectory;
    private final Clock clock;
    private final ConcurrentMap<String, JasperReport> compiled = new ConcurrentHashMap<>();

    public ReportExporter(DSLContext ctx, ReportRegistry registry) {
        this(ctx, registry, Path.of(System.getProperty("java.io.tmpdir")), Clock.systemUTC());
    }

    /** {@code swapDirectory} receives the virtualizer's temporary page files (deleted after each export). */
    public ReportExporter(DSLContext ctx, ReportRegistry registry, Path swapDirectory, Clock clock) {
        this.ctx = ctx;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.swapDirectory = Objects.requireNonNull(swapDirectory, "swapDirectory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public ExportResult export(String reportName, ReportCriteria criteria, ReportFormat format, OutputStream out) {
        return export(reportName, criteria, format, out, rows -> {});
    }

    /**
     * As {@link #export(String, ReportCriteria, ReportFormat, OutputStream)}, telling {@code rowsWritten} the number
     * of rows written so far every {@value ExporterProgress#EVERY} rows and once at the end (for a progress indicator; it
     * runs on the exporting thread, so it should be quick).
     */
    public ExportResult export(
            String reportName,
            ReportCriteria criteria,
            ReportFormat format,
            OutputStream out,
            LongConsumer rowsWritten) {
        ReportDefinition definition = registry.get(reportName);
        definition.check(criteria);
        Objects.requireNonNull(rowsWritten, "rowsWritten");
        Instant generatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ReportTotals totals = new ReportTotals();
        ReportQuery query = definition.query();
        Map<String, Object> extra = query.parameters(ctx, criteria, totals);
        List<ReportColumn> columns = query.columns(ctx, criteria);
        ExporterProgress progress = new ExporterProgress(rowsWritten);
        try {
            return switch (format) {
                case CSV, XLSX -> {
                    try (TabularSink sink = format == ReportFormat.CSV
                            ? new CsvSink(out, columns.size())
                            : new XlsxSink(out, definition.title(), columns.size())) {
                        yield tabular(
                                definition, criteria, format, generatedAt, totals, extra, columns, sink, progress);
                    }
                }
                case PDF -> pdf(definition, criteria, generatedAt, totals, extra, columns, out, progress);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("could not write report '" + reportName + "'", e);
        } catch (JRException e) {
            throw new IllegalStateException("JasperReports failed on report '" + reportName + "'", e);
        }
    }

    /** The compiled template, compiled on first use (safe to call at start-up to fail fast on a broken one). */
    public JasperReport template(ReportDefinition definition) {
        return compiled.computeIfAbsent(definition.templatePath(), ReportExporter::compile);
    }

    private static JasperReport compile(String path) {
        try (InputStream jrxml = ReportExporter.class.getClassLoader().getResourceAsStream(path)) {
            if (jrxml == null) {
                throw new IllegalStateException("no report template on the classpath at " + path);
            }
            return JasperCompileManager.compileReport(jrxml);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the report template " + path, e);
        } catch (JRException e) {
            throw new IllegalStateException("the report template " + path + " does not compile", e);
        }
    }

    private ExportResult pdf(
            ReportDefinition definition,
            ReportCriteria criteria,
            Instant generatedAt,
            ReportTotals totals,
            Map<String, Object> extra,
            List<ReportColumn> columns,
            OutputStream out,
            ExporterProgress progress)
            throws IOException, JRException {
        JasperReport template = template(definition);
        Path swap = Files.createTempDirectory(swapDirectory, "flash-report-");
        JRSwapFileVirtualizer virtualizer =
                new JRSwapFileVirtualizer(PAGES_IN_MEMORY, new JRSwapFile(swap.toString(), 8192, 1024), true);
        try (Cursor<? extends Record> cursor =
                definition.query().rows(ctx, criteria).fetchSize(FETCH_SIZE).fetchLazy()) {
            Map<String, Object> parameters = new HashMap<>(extra);
            parameters.put(P_TITLE, definition.title());
            parameters.put(P_GENERATED_AT, DateTimeFormatter.ISO_INSTANT.format(generatedAt));
            parameters.put(P_CRITERIA, criteria.describe(definition.parameters()));
            parameters.put(P_TOTALS, totals);
            parameters.put(JRParameter.REPORT_LOCALE, Locale.ROOT);
            parameters.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone("UTC"));
            parameters.put(JRParameter.REPORT_VIRTUALIZER, virtualizer);
            CursorDataSource rows = new CursorDataSource(cursor, definition.query(), columns, totals, progress);
            JasperPrint print = JasperFillManager.fillReport(template, parameters, rows);
            virtualizer.setReadOnly(true);
            JRPdfExporter exporter = new JRPdfExporter();
            exporter.setExporterInput(new SimpleExporterInput(print));
            exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
            exporter.exportReport();
            progress.done(rows.rows());
            return new ExportResult(definition.name(), ReportFormat.PDF, rows.rows(), totals, generatedAt);
        } finally {
            virtualizer.cleanup();
            deleteQuietly(swap);
        }
    }

    /**
     * CSV and XLSX share one layout, written straight from the cursor: {@code Report}, {@code Generated at},
     * {@code Parameters} and the query's text values as key/value records, the column header, one record per row,
     * {@value #NO_DATA} when there are none, then one {@code Total} record per currency and label.
     */
    private ExportResult tabular(
            ReportDefinition definition,
            ReportCriteria criteria,
            ReportFormat format,
            Instant generatedAt,
            ReportTotals totals,
            Map<String, Object> extra,
            List<ReportColumn> columns,
            TabularSink sink,
            ExporterProgress progress)
            throws IOException {
        ReportQuery query = definition.query();
        sink.text("Report", definition.title());
        sink.text("Generated at", DateTimeFormatter.ISO_INSTANT.format(generatedAt));
        sink.text("Parameters", criteria.describe(definition.parameters()));
        for (Map.Entry<String, Object> parameter : extra.entrySet()) {
            if (parameter.getValue() instanceof String text) {
                sink.text(label(parameter.getKey()), text);
            }
        }
        sink.header(columns);
        long rows = 0;
        try (Cursor<? extends Record> cursor =
                query.rows(ctx, criteria).fetchSize(FETCH_SIZE).fetchLazy()) {
            RowValues values = new RowValues(columns, cursor, definition.name());
            Object[] row = new Object[values.size()];
            for (Record record = cursor.fetchNext(); record != null; record = cursor.fetchNext()) {
                query.accumulate(record, totals);
                values.read(record, row);
                sink.row(row);
                progress.row(++rows);
            }
        }
        query.finish(totals);
        if (rows == 0) {
            sink.text(NO_DATA);
        }
        for (ReportTotals.Line total : totals.lines()) {
            sink.total(total);
        }
        sink.finish();
        progress.done(rows);
        return new ExportResult(definition.name(), format, rows, totals, generatedAt);
    }

    /** "MERCHANT_NAME" becomes "Merchant name". */
    static String label(String key) {
        String words = key.toLowerCase(Locale.ROOT).replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static void deleteQuietly(Path directory) {
        try (var files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a leftover empty temporary directory is harmless
        }
    }
}
