package com.flash.backoffice.reports.export;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.export.ooxml.JRXlsxExporter;
import net.sf.jasperreports.engine.fill.JRSwapFileVirtualizer;
import net.sf.jasperreports.engine.util.JRSwapFile;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.export.SimpleXlsxReportConfiguration;
import net.sf.jasperreports.pdf.JRPdfExporter;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Renders registered reports to PDF, XLSX or CSV. Rows stream from a jOOQ cursor (never a list): into
 * JasperReports for PDF and XLSX, with a swap-file virtualizer so filled pages go to disk and memory stays bounded;
 * straight into an RFC 4180 writer for CSV, which needs no layout. Templates are compiled from their {@code .jrxml}
 * on first use and cached.
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
    private static final int XLSX_MAX_ROWS_PER_SHEET = 1_000_000;

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
        ReportDefinition definition = registry.get(reportName);
        definition.check(criteria);
        Instant generatedAt = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        ReportTotals totals = new ReportTotals();
        ReportQuery query = definition.query();
        Map<String, Object> extra = query.parameters(ctx, criteria, totals);
        try {
            return switch (format) {
                case CSV -> csv(definition, criteria, generatedAt, totals, extra, out);
                case PDF, XLSX -> jasper(definition, criteria, format, generatedAt, totals, extra, out);
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

    private ExportResult jasper(
            ReportDefinition definition,
            ReportCriteria criteria,
            ReportFormat format,
            Instant generatedAt,
            ReportTotals totals,
            Map<String, Object> extra,
            OutputStream out)
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
            CursorDataSource rows = new CursorDataSource(cursor, definition.query(), totals);
            JasperPrint print = JasperFillManager.fillReport(template, parameters, rows);
            virtualizer.setReadOnly(true);
            if (format == ReportFormat.PDF) {
                JRPdfExporter exporter = new JRPdfExporter();
                exporter.setExporterInput(new SimpleExporterInput(print));
                exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
                exporter.exportReport();
            } else {
                JRXlsxExporter exporter = new JRXlsxExporter();
                exporter.setExporterInput(new SimpleExporterInput(print));
                exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
                SimpleXlsxReportConfiguration configuration = new SimpleXlsxReportConfiguration();
                configuration.setOnePagePerSheet(false);
                configuration.setRemoveEmptySpaceBetweenRows(true);
                configuration.setRemoveEmptySpaceBetweenColumns(true);
                configuration.setWhitePageBackground(false);
                configuration.setMaxRowsPerSheet(XLSX_MAX_ROWS_PER_SHEET);
                exporter.setConfiguration(configuration);
                exporter.exportReport();
            }
            return new ExportResult(definition.name(), format, rows.rows(), totals, generatedAt);
        } finally {
            virtualizer.cleanup();
            deleteQuietly(swap);
        }
    }

    private ExportResult csv(
            ReportDefinition definition,
            ReportCriteria criteria,
            Instant generatedAt,
            ReportTotals totals,
            Map<String, Object> extra,
            OutputStream out)
            throws IOException {
        ReportQuery query = definition.query();
        List<ReportColumn> columns = query.columns();
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        CsvWriter csv = new CsvWriter(writer, Math.max(4, columns.size()));
        csv.write("Report", definition.title());
        csv.write("Generated at", DateTimeFormatter.ISO_INSTANT.format(generatedAt));
        csv.write("Parameters", criteria.describe(definition.parameters()));
        for (Map.Entry<String, Object> parameter : extra.entrySet()) {
            if (parameter.getValue() instanceof String text) {
                csv.write(label(parameter.getKey()), text);
            }
        }
        csv.write(columns.stream().map(ReportColumn::header).toArray(String[]::new));
        long rows = 0;
        try (Cursor<? extends Record> cursor =
                query.rows(ctx, criteria).fetchSize(FETCH_SIZE).fetchLazy()) {
            int[] indexes = new int[columns.size()];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = cursor.indexOf(columns.get(i).field());
                if (indexes[i] < 0) {
                    throw new IllegalStateException("the column '"
                            + columns.get(i).field() + "' of report '" + definition.name() + "' is not in its query");
                }
            }
            String[] fields = new String[columns.size()];
            for (Record row = cursor.fetchNext(); row != null; row = cursor.fetchNext()) {
                query.accumulate(row, totals);
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = Formats.text(row.get(indexes[i]), columns.get(i).format());
                }
                csv.write(fields);
                rows++;
            }
        }
        query.finish(totals);
        if (rows == 0) {
            csv.write(NO_DATA);
        }
        for (String[] total : totals.rows()) {
            csv.write("Total", total[0], total[1], total[2]);
        }
        writer.flush();
        return new ExportResult(definition.name(), ReportFormat.CSV, rows, totals, generatedAt);
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
