package com.flash.backoffice.reports.bench;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ACCOUNT;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;

import com.flash.backoffice.db.jooq.enums.LedgerLineSide;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.reports.LedgerReports;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.export.ReportRegistry;
import com.flash.backoffice.reports.journal.JournalQuery;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep7;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * Journal export benchmark (not a unit test): seeds N journal lines (3 per entry) into a fresh MariaDB database,
 * then runs, each in its own JVM with a fixed heap limit ({@code -Xmx512m} by default): a raw jOOQ SELECT of the
 * same rows streamed to a file (the baseline), and the CSV, XLSX and PDF exports of the journal. Prints the time,
 * the output size, the ratio to the baseline and the peak heap (the sum of the heap pools' peak usage) of each.
 *
 * <p>Run it: {@code ./mvnw -pl reports test-compile exec:java -Dexec.args="1000000"} (arguments: lines, heap
 * limit such as {@code 512m}, formats such as {@code raw,csv,pdf,xlsx}). Output files go to
 * {@code reports/target/bench}. Give the run a private temporary directory ({@code MAVEN_OPTS=-Djava.io.tmpdir=...}):
 * the test MariaDB keeps its on-disk sort files there, and a shared {@code /tmp} that others clean breaks them. Seeding uses batched multi-row inserts and posts every entry with one UPDATE, so
 * the database's own balance trigger still checks each entry.
 */
public final class JournalExportBenchmark {

    static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant TO = Instant.parse("2026-01-01T00:00:00Z");
    private static final int LINES_PER_ENTRY = 3;
    private static final int BATCH_ENTRIES = 2_000;

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], args[2], Path.of(args[3]));
            return;
        }
        int lines = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        String heap = args.length > 1 ? args[1] : "512m";
        List<String> formats = List.of((args.length > 2 ? args[2] : "raw,csv,pdf,xlsx").split(","));
        // exec:java runs in the directory Maven was started in: the repository root or reports/
        Path module = Files.exists(Path.of("reports", "pom.xml")) ? Path.of("reports") : Path.of(".");
        Path out = module.resolve(Path.of("target", "bench")).toAbsolutePath().normalize();
        Files.createDirectories(out);

        TestDatabase database = TestDatabase.migrated("journal_bench");
        long seedStart = System.nanoTime();
        long entries = seed(database.dsl(), lines / LINES_PER_ENTRY);
        System.out.printf(
                "seeded %,d entries / %,d lines in %.1f s%n",
                entries, entries * LINES_PER_ENTRY, (System.nanoTime() - seedStart) / 1e9);

        Map<String, String[]> results = new LinkedHashMap<>();
        for (String format : formats) {
            results.put(format, runChild(database.jdbcUrl(), format, heap, out));
        }
        double rawMillis = results.containsKey("raw") ? Double.parseDouble(results.get("raw")[1]) : Double.NaN;
        System.out.printf(
                "%n%,d journal lines, each run in a fresh JVM with -Xmx%s%n", entries * LINES_PER_ENTRY, heap);
        System.out.printf(
                "%-6s %10s %8s %10s %15s %15s %s%n",
                "format", "time s", "x raw", "size MiB", "max heap MiB", "max live MiB", "rows");
        results.forEach((format, r) -> System.out.printf(
                "%-6s %10.2f %8.2f %10.1f %15.1f %15.1f %s%n",
                format,
                Double.parseDouble(r[1]) / 1000,
                Double.parseDouble(r[1]) / rawMillis,
                Long.parseLong(r[2]) / 1048576.0,
                Long.parseLong(r[3]) / 1048576.0,
                Long.parseLong(r[5]) / 1048576.0,
                r[4]));
        database.close();
        System.exit(0);
    }

    /** Entries of three lines each, booked through 2025; the lines carry fiat on the debit side. */
    static long seed(DSLContext dsl, long entries) {
        Map<String, Long> accounts = dsl.select(LEDGER_ACCOUNT.CODE, LEDGER_ACCOUNT.ID)
                .from(LEDGER_ACCOUNT)
                .fetchMap(LEDGER_ACCOUNT.CODE, LEDGER_ACCOUNT.ID);
        long asset = accounts.get(ChartOfAccounts.LIGHTNING_ASSETS.code());
        long merchant = accounts.get(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());
        long fees = accounts.get(ChartOfAccounts.PROCESSING_FEE_REVENUE.code());
        long spanMicros = (TO.getEpochSecond() - FROM.getEpochSecond()) * 1_000_000L;
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        for (long first = 1; first <= entries; first += BATCH_ENTRIES) {
            long last = Math.min(entries, first + BATCH_ENTRIES - 1);
            var entryInsert = dsl.insertInto(
                    LEDGER_ENTRY,
                    LEDGER_ENTRY.ID,
                    LEDGER_ENTRY.SOURCE_KEY,
                    LEDGER_ENTRY.DESCRIPTION,
                    LEDGER_ENTRY.BOOKED_AT,
                    LEDGER_ENTRY.POSTED,
                    LEDGER_ENTRY.CREATED_AT);
            InsertValuesStep7<?, Long, Long, LedgerLineSide, Long, BigDecimal, String, Integer> lineInsert =
                    dsl.insertInto(
                            LEDGER_LINE,
                            LEDGER_LINE.ENTRY_ID,
                            LEDGER_LINE.ACCOUNT_ID,
                            LEDGER_LINE.SIDE,
                            LEDGER_LINE.AMOUNT_MSAT,
                            LEDGER_LINE.FIAT_AMOUNT,
                            LEDGER_LINE.FIAT_CURRENCY,
                            LEDGER_LINE.LINE_NO);
            for (long id = first; id <= last; id++) {
                LocalDateTime bookedAt = LocalDateTime.ofInstant(FROM, ZoneOffset.UTC)
                        .plusNanos(1_000L * (spanMicros / entries * (id - 1)));
                long amount = 1_000_000L + id * 1_001L;
                long fee = amount / 100;
                entryInsert = entryInsert.values(
                        id, "bench-" + id, "Invoice " + id + " settled, \"bench\"", bookedAt, false, now);
                lineInsert = lineInsert
                        .values(id, asset, LedgerLineSide.DEBIT, amount, BigDecimal.valueOf(amount, 8), "USD", 1)
                        .values(id, merchant, LedgerLineSide.CREDIT, amount - fee, null, null, 2)
                        .values(id, fees, LedgerLineSide.CREDIT, fee, null, null, 3);
            }
            entryInsert.execute();
            lineInsert.execute();
            // posting runs the balance trigger for each entry
            dsl.update(LEDGER_ENTRY)
                    .set(LEDGER_ENTRY.POSTED, true)
                    .where(LEDGER_ENTRY.ID.between(first, last))
                    .execute();
        }
        return entries;
    }

    private static String[] runChild(String jdbcUrl, String format, String heap, Path out) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(
                java,
                "-Xmx" + heap,
                "-cp",
                classPath(),
                JournalExportBenchmark.class.getName(),
                "child",
                jdbcUrl,
                format,
                out.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String[] result = null;
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = line.substring(7).split(" ");
                } else if (!line.contains("DEBUG") && !line.isBlank()) {
                    System.out.println("  [" + format + "] " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            System.out.println("  [" + format + "] FAILED with exit code " + exit);
            return new String[] {format, "NaN", "0", "0", "failed", "0"};
        }
        return result;
    }

    /** Under {@code exec:java} the project's classes are on a URLClassLoader, not on java.class.path. */
    private static String classPath() {
        if (Thread.currentThread().getContextClassLoader() instanceof java.net.URLClassLoader loader) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL url : loader.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (java.net.URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }
            if (!entries.isEmpty()) {
                return String.join(java.io.File.pathSeparator, entries);
            }
        }
        return System.getProperty("java.class.path");
    }

    /** One measured run: prints "RESULT format millis bytes maxHeapBytes rows maxLiveBytes". */
    private static void child(String jdbcUrl, String format, Path out) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "root", "")) {
            DSLContext dsl = DSL.using(connection, SQLDialect.MARIADB);
            ReportRegistry registry = LedgerReports.registry();
            ReportExporter exporter = new ReportExporter(dsl, registry, out, Clock.systemUTC());
            exporter.template(registry.get(LedgerReports.JOURNAL)); // compiling is not part of the export
            Path file = out.resolve("journal." + (format.equals("raw") ? "txt" : format));
            System.gc();
            HeapWatch heap = HeapWatch.start();
            long start = System.nanoTime();
            long rows;
            try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                if (format.equals("raw")) {
                    rows = raw(dsl, stream);
                } else {
                    ExportResult result = exporter.export(
                            LedgerReports.JOURNAL,
                            ReportCriteria.period(FROM, TO),
                            ReportFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT)),
                            stream);
                    rows = result.rows();
                }
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            heap.stop();
            long peak = heap.maxUsed();
            System.out.println("RESULT " + format + " " + millis + " " + Files.size(file) + " " + peak + " " + rows
                    + " " + heap.maxAfterGc());
        }
    }

    /**
     * Heap use while a run lasts: the largest used heap seen by sampling every 10 ms (garbage included, so at most
     * the -Xmx limit) and the largest heap left after a garbage collection (the live data).
     */
    static final class HeapWatch implements Runnable {

        private static final java.util.Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                .map(java.lang.management.MemoryPoolMXBean::getName)
                .collect(java.util.stream.Collectors.toSet());

        private final java.util.concurrent.atomic.AtomicLong maxUsed = new java.util.concurrent.atomic.AtomicLong();
        private final java.util.concurrent.atomic.AtomicLong maxAfterGc = new java.util.concurrent.atomic.AtomicLong();
        private volatile boolean running = true;

        static HeapWatch start() {
            HeapWatch watch = new HeapWatch();
            for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof javax.management.NotificationEmitter emitter) {
                    emitter.addNotificationListener(
                            (notification, handback) -> {
                                if (notification.getUserData()
                                        instanceof javax.management.openmbean.CompositeData data) {
                                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(data);
                                    long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                                            .filter(pool -> HEAP_POOLS.contains(pool.getKey()))
                                            .mapToLong(pool -> pool.getValue().getUsed())
                                            .sum();
                                    watch.maxAfterGc.accumulateAndGet(after, Math::max);
                                }
                            },
                            null,
                            null);
                }
            }
            Thread thread = new Thread(watch, "heap-watch");
            thread.setDaemon(true);
            thread.start();
            return watch;
        }

        @Override
        public void run() {
            java.lang.management.MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                maxUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void stop() {
            maxUsed.accumulateAndGet(
                    ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            running = false;
        }

        long maxUsed() {
            return maxUsed.get();
        }

        long maxAfterGc() {
            return maxAfterGc.get();
        }
    }

    /** The baseline: the journal's own SELECT, streamed, each value written as text. */
    private static long raw(DSLContext dsl, OutputStream stream) throws Exception {
        BufferedWriter writer =
                new BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
        long rows = 0;
        try (Cursor<? extends Record> cursor = new JournalQuery()
                .rows(dsl, ReportCriteria.period(FROM, TO))
                .fetchSize(5_000)
                .fetchLazy()) {
            int width = cursor.fields().length;
            for (Record row = cursor.fetchNext(); row != null; row = cursor.fetchNext()) {
                for (int i = 0; i < width; i++) {
                    if (i > 0) {
                        writer.write(',');
                    }
                    Object value = row.get(i);
                    if (value != null) {
                        writer.write(value.toString());
                    }
                }
                writer.write('\n');
                rows++;
            }
        }
        writer.flush();
        return rows;
    }
}
