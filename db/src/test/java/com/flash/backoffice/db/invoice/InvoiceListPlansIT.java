package com.flash.backoffice.db.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.api.ApiInvoiceQuery;
import com.flash.backoffice.db.api.InvoiceApiRepository;
import com.flash.backoffice.db.testsupport.InvoiceSeeder;
import com.flash.backoffice.db.testsupport.QueryPlans;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every query shape of the invoice lists, the portal's and the Greenfield API's (each filter alone and combined,
 * first and deep pages), runs under
 * MariaDB's ANALYZE on a seeded table: no step reads the table without an index, none reads more than a few
 * percent of it, and a sort is only ever over a handful of rows. A query or index change that loses the
 * index fails here, not in production at a million invoices.
 */
class InvoiceListPlansIT {

    static final int INVOICES = 40_000;
    static final int MERCHANTS = 100;
    static final int PAGE = 50;
    static final int DEEP_OFFSET = 500;
    // reading more than this is a scan, whatever the plan says it is
    static final double MAX_ROWS_READ = INVOICES * 0.05;
    // sorting more than this is sorting the table
    static final double MAX_ROWS_SORTED = INVOICES * 0.01;

    static TestDatabase database;
    static QueryPlans plans;
    static InvoiceRepository invoices;
    static List<String> merchantIds;
    static String someInvoiceId;

    @BeforeAll
    static void seed() {
        database = TestDatabase.migrated("invoice_list_plans_it");
        merchantIds = new InvoiceSeeder(database.dsl(), 42).seed(MERCHANTS, INVOICES);
        someInvoiceId = String.valueOf(database.dsl().fetchValue("SELECT MAX(id) FROM invoice"));
        plans = new QueryPlans(database.dataSource());
        invoices = new InvoiceRepository(plans.recordingDsl());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    record Shape(String name, InvoiceQuery query) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Shape> shapes() {
        Instant to = InvoiceSeeder.END.minus(90, ChronoUnit.DAYS);
        Instant from = to.minus(30, ChronoUnit.DAYS);
        String big = merchantIds.getFirst();
        String small = merchantIds.getLast();
        List<Shape> shapes = new ArrayList<>();
        for (int offset : new int[] {0, DEEP_OFFSET}) {
            String page = offset == 0 ? " first page" : " deep page";
            for (String merchant : new String[] {null, big, small}) {
                for (Set<InvoiceStatus> statuses : List.of(
                        Set.<InvoiceStatus>of(),
                        Set.of(InvoiceStatus.SETTLED),
                        Set.of(InvoiceStatus.INVALID),
                        EnumSet.of(InvoiceStatus.EXPIRED, InvoiceStatus.INVALID),
                        EnumSet.of(InvoiceStatus.NEW, InvoiceStatus.PROCESSING, InvoiceStatus.SETTLED))) {
                    for (boolean dated : new boolean[] {false, true}) {
                        for (String text : new String[] {null, "ord-3-1", someInvoiceId, "nothing-matches"}) {
                            String name =
                                    "merchant=" + (merchant == null ? "any" : merchant.equals(big) ? "big" : "small")
                                            + " statuses=" + statuses + " dates=" + dated + " text=" + text + page;
                            shapes.add(new Shape(
                                    name,
                                    new InvoiceQuery(
                                            merchant,
                                            statuses,
                                            dated ? from : null,
                                            dated ? to : null,
                                            text,
                                            offset,
                                            PAGE)));
                        }
                    }
                }
            }
        }
        return shapes.stream();
    }

    /** The Greenfield API's list: always one store, archived invoices left out unless asked for. */
    static Stream<ApiShape> apiShapes() {
        Instant to = InvoiceSeeder.END.minus(90, ChronoUnit.DAYS);
        Instant from = to.minus(30, ChronoUnit.DAYS);
        List<ApiShape> shapes = new ArrayList<>();
        for (int offset : new int[] {0, DEEP_OFFSET}) {
            for (String store : List.of(merchantIds.getFirst(), merchantIds.getLast())) {
                for (Set<InvoiceStatus> statuses : List.of(
                        Set.<InvoiceStatus>of(),
                        Set.of(InvoiceStatus.INVALID),
                        EnumSet.of(InvoiceStatus.EXPIRED, InvoiceStatus.INVALID))) {
                    for (boolean dated : new boolean[] {false, true}) {
                        for (String text : new String[] {null, "ord-3-1", someInvoiceId}) {
                            for (boolean archived : new boolean[] {false, true}) {
                                shapes.add(new ApiShape(
                                        "store=" + (store.equals(merchantIds.getFirst()) ? "big" : "small")
                                                + " statuses=" + statuses + " dates=" + dated + " text=" + text
                                                + " includeArchived=" + archived + " offset=" + offset,
                                        new ApiInvoiceQuery(
                                                store,
                                                statuses,
                                                List.of(),
                                                text,
                                                dated ? from : null,
                                                dated ? to : null,
                                                archived,
                                                offset,
                                                PAGE)));
                            }
                        }
                    }
                }
            }
        }
        return shapes.stream();
    }

    record ApiShape(String name, ApiInvoiceQuery query) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("apiShapes")
    void every_api_list_shape_reads_through_an_index_and_sorts_no_more_than_a_page(ApiShape shape) {
        new InvoiceApiRepository(plans.recordingDsl()).findIds(shape.query());

        assertReadsThroughAnIndex();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void every_list_shape_reads_through_an_index_and_sorts_no_more_than_a_page(Shape shape) {
        invoices.find(shape.query());

        assertReadsThroughAnIndex();
    }

    private static void assertReadsThroughAnIndex() {
        List<QueryPlans.Step> steps = plans.analyzeLast();
        String plan = plans.lastStatement() + "\n"
                + String.join("\n", steps.stream().map(Object::toString).toList());
        List<QueryPlans.Step> invoiceSteps =
                steps.stream().filter(s -> "invoice".equals(s.table())).toList();
        assertThat(invoiceSteps)
                .as("the plan reads the invoice table\n%s", plan)
                .isNotEmpty();
        for (QueryPlans.Step step : invoiceSteps) {
            assertThat(step.type()).as("no table scan\n%s", plan).isNotEqualTo("ALL");
            assertThat(step.key()).as("an index\n%s", plan).isNotNull();
            assertThat(step.rowsRead()).as("rows read\n%s", plan).isLessThanOrEqualTo(MAX_ROWS_READ);
            if (step.filesort()) {
                assertThat(Math.max(step.rowsRead(), step.estimatedRows()))
                        .as("rows sorted\n%s", plan)
                        .isLessThanOrEqualTo(MAX_ROWS_SORTED);
            }
        }
    }
}
