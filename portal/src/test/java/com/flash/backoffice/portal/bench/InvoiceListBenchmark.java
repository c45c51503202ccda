package com.flash.backoffice.portal.bench;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceQuery;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.InvoiceSeeder;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * The Invoices view at a million invoices (not a unit test). Seeds N invoices (multi-row INSERTs) over many
 * merchants, statuses and two years, then times the view's queries ({@link InvoiceRepository#find}, newest first,
 * 50 rows as the grid asks) for each filter alone and combined, on the first page and a deep page, against a
 * baseline measured in the same run: the same page fetched by primary key. Also times the exact
 * {@code COUNT(*)} a sized lazy grid would need, which the view no longer asks for.
 *
 * <p>Run it (from the repository root): {@code ./mvnw -B -o -pl portal -am test-compile exec:java
 * -Dexec.skip=true -Dexec.mainClass=com.flash.backoffice.portal.bench.InvoiceListBenchmark -Dexec.args="1000000"}
 * (arguments: invoices, merchants, deep-page offset, InnoDB buffer pool in MB).
 */
public final class InvoiceListBenchmark {

    private static final int PAGE = 50;
    private static final int WARM_UP = 3;
    private static final int RUNS = 15;

    public static void main(String[] args) throws Exception {
        int invoiceCount = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 1_000_000;
        int merchantCount = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int deepOffset = args.length > 2 ? Integer.parseInt(args[2].replace("_", "")) : 10_000;
        int bufferPoolMb = args.length > 3 ? Integer.parseInt(args[3]) : 1024;

        TestDatabase database = TestDatabase.migrated("invoice_list_bench");
        DSLContext dsl = database.dsl();
        // the test server starts with a small buffer pool; a production server holds the working set in memory
        dsl.execute("SET GLOBAL innodb_buffer_pool_size = " + bufferPoolMb * 1024L * 1024L);
        long seedStart = System.nanoTime();
        List<String> merchants = new InvoiceSeeder(dsl, 7).seed(merchantCount, invoiceCount);
        System.out.printf(
                "seeded %,d invoices over %d merchants in %.1f s (buffer pool %s)%n",
                invoiceCount,
                merchantCount,
                (System.nanoTime() - seedStart) / 1e9,
                dsl.fetchValue("SELECT @@innodb_buffer_pool_size"));
        String someId = String.valueOf(dsl.fetchValue("SELECT MAX(id) FROM invoice"));
        Instant to = InvoiceSeeder.END.minus(90, ChronoUnit.DAYS);
        Instant from = to.minus(30, ChronoUnit.DAYS);
        String big = merchants.getFirst();
        String small = merchants.get(merchants.size() / 2);

        List<Filter> filters = List.of(
                new Filter("no filter", null, Set.of(), null, null, null),
                new Filter("merchant (largest)", big, Set.of(), null, null, null),
                new Filter("merchant (median)", small, Set.of(), null, null, null),
                new Filter("status Settled", null, Set.of(InvoiceStatus.SETTLED), null, null, null),
                new Filter("status Invalid", null, Set.of(InvoiceStatus.INVALID), null, null, null),
                new Filter(
                        "status Expired+Invalid",
                        null,
                        EnumSet.of(InvoiceStatus.EXPIRED, InvoiceStatus.INVALID),
                        null,
                        null,
                        null),
                new Filter("date (30 days)", null, Set.of(), from, to, null),
                new Filter("text: invoice id", null, Set.of(), null, null, someId),
                new Filter("text: order id prefix", null, Set.of(), null, null, "ord-3-1"),
                new Filter("merchant+status+date", big, Set.of(InvoiceStatus.SETTLED), from, to, null),
                new Filter(
                        "merchant+2 statuses+date",
                        big,
                        EnumSet.of(InvoiceStatus.NEW, InvoiceStatus.SETTLED),
                        from,
                        to,
                        null),
                new Filter("merchant+status+date+text", big, Set.of(InvoiceStatus.SETTLED), from, to, "ord-0-1"));

        InvoiceRepository repository = new InvoiceRepository(dsl);
        System.out.printf(
                "%n%-28s %10s %10s %8s | %10s %10s %8s | %10s %12s%n",
                "filter (50 rows newest first)",
                "page 1 ms",
                "by PK ms",
                "ratio",
                "deep ms",
                "by PK ms",
                "ratio",
                "COUNT ms",
                "rows");
        for (Filter filter : filters) {
            Timing first = time(repository, dsl, filter.query(0));
            Timing deep = time(repository, dsl, filter.query(deepOffset));
            long[] count = new long[1];
            double countMs = median(() -> count[0] = dsl.fetchCount(INVOICE, filter.conditions()));
            System.out.printf(
                    "%-28s %s | %s | %10.1f %,12d%n",
                    filter.name(), first.columns(), deep.columns(), countMs, count[0]);
        }
        System.out.printf("(deep page: offset %,d; by PK: the same rows by primary key)%n", deepOffset);
        database.close();
        System.exit(0);
    }

    private record Timing(double queryMs, double primaryKeyMs, boolean emptyPage) {
        /** An empty page (the offset is past the last match) has no baseline to compare with. */
        String columns() {
            return emptyPage
                    ? String.format("%10.2f %10s %8s", queryMs, "-", "empty")
                    : String.format("%10.2f %10.2f %7.1fx", queryMs, primaryKeyMs, queryMs / primaryKeyMs);
        }
    }

    private static Timing time(InvoiceRepository repository, DSLContext dsl, InvoiceQuery query) {
        List<String> ids = repository.find(query).stream().map(Invoice::id).toList();
        double queryMs = median(() -> repository.find(query));
        double primaryKeyMs = ids.isEmpty()
                ? 0
                : median(() -> dsl.selectFrom(INVOICE).where(INVOICE.ID.in(ids)).fetch());
        return new Timing(queryMs, primaryKeyMs, ids.isEmpty());
    }

    private static double median(Supplier<?> work) {
        for (int i = 0; i < WARM_UP; i++) {
            work.get();
        }
        double[] millis = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long start = System.nanoTime();
            work.get();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(millis);
        return millis[RUNS / 2];
    }

    /** The view's filters; {@link #conditions()} is the WHERE clause of the count a sized grid needs. */
    private record Filter(
            String name, String merchantId, Set<InvoiceStatus> statuses, Instant from, Instant to, String text) {

        InvoiceQuery query(int offset) {
            return new InvoiceQuery(merchantId, statuses, from, to, text, offset, PAGE);
        }

        List<Condition> conditions() {
            List<Condition> conditions = new ArrayList<>();
            if (merchantId != null) {
                conditions.add(INVOICE.MERCHANT_ID.eq(merchantId));
            }
            if (!statuses.isEmpty()) {
                conditions.add(INVOICE.STATUS.in(statuses.stream()
                        .map(s -> com.flash.backoffice.db.jooq.enums.InvoiceStatus.valueOf(s.name()))
                        .toList()));
            }
            if (from != null) {
                conditions.add(INVOICE.CREATED_AT.ge(UtcTimestamps.toDb(from)));
            }
            if (to != null) {
                conditions.add(INVOICE.CREATED_AT.lt(UtcTimestamps.toDb(to)));
            }
            if (text != null) {
                conditions.add(INVOICE.ID.eq(text).or(INVOICE.ORDER_ID.startsWith(text)));
            }
            return conditions;
        }
    }
}
