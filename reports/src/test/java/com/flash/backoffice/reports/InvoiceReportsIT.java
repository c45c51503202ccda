package com.flash.backoffice.reports;

import static com.flash.backoffice.reports.ExportedReport.header;
import static com.flash.backoffice.reports.ExportedReport.table;
import static com.flash.backoffice.reports.ExportedReport.totalRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStateUpdate;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.invoices.InvoicesQuery;
import com.flash.backoffice.reports.invoices.PaymentsQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The invoices and payments reports on a seeded MariaDB: BTCPay's export columns, flattened metadata, period edges,
 * merchant filter, CSV escaping and formula guard, totals against independent SQL sums, read back with commons-csv,
 * POI and PDFBox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvoiceReportsIT {

    static final Instant FROM = Instant.parse("2025-02-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant GENERATED = Instant.parse("2025-03-02T10:15:30Z");
    static final String TRICKY_MERCHANT = "Acme, \"Best\" Coffee\nRoastery";
    static final String FORMULA_MERCHANT = "=HYPERLINK(\"http://evil.example\",\"click\")";
    static final String TRICKY_ITEM = "Flat white, \"large\"\nwith oat milk";

    private TestDatabase database;
    private DSLContext dsl;
    private ReportExporter exporter;
    private Merchant acme;
    private String beforePeriod;
    private String atStart;
    private String overpaid;
    private String topUpAtLastMicrosecond;
    private String atEnd;

    @TempDir
    static Path swap;

    @BeforeAll
    void seed() {
        database = TestDatabase.migrated("invoice_reports_it");
        dsl = database.dsl();
        MerchantRepository merchants = new MerchantRepository(dsl);
        acme = merchants.create(NewMerchant.withDefaults(TRICKY_MERCHANT, "EUR"));
        Merchant evil = merchants.create(NewMerchant.withDefaults(FORMULA_MERCHANT, "USD"));
        InvoiceRepository invoices = new InvoiceRepository(dsl);

        beforePeriod = invoices.create(invoice(
                        acme, 1_000_000L, "BTC", null, null, "{\"orderId\":\"A-0\"}", "2025-01-31T23:59:59.999999Z"))
                .id();
        atStart = invoices.create(invoice(
                        acme,
                        200_500_000L,
                        "EUR",
                        new BigDecimal("100.25"),
                        new BigDecimal("50000.00"),
                        """
                        {"orderId":"A-1","itemDesc":"Flat white, \\"large\\"\\nwith oat milk",
                         "buyerEmail":"zoe@example.com","buyer":{"name":"Zoë","address":{"city":"Köln"}},
                         "items":[{"sku":"fw","qty":1}],"note":"=1+2"}
                        """,
                        "2025-02-01T00:00:00Z"))
                .id();
        overpaid = invoices.create(invoice(
                        evil,
                        10_000_000L,
                        "BTC",
                        null,
                        null,
                        "{\"orderId\":\"B-2\",\"itemCode\":\"SKU-9\",\"buyer\":{\"name\":\"Bob, Jr.\"}}",
                        "2025-02-15T00:00:00Z"))
                .id();
        topUpAtLastMicrosecond = invoices.create(
                        invoice(acme, null, "BTC", null, null, "{}", "2025-02-28T23:59:59.999999Z"))
                .id();
        atEnd = invoices.create(invoice(acme, 3_000_000L, "BTC", null, null, "{}", "2025-03-01T00:00:00Z"))
                .id();

        settle(
                invoices,
                beforePeriod,
                InvoiceAdditionalStatus.NONE,
                1_000_000L,
                payment(PaymentMethod.BTC_LN, "hash-0", 1_000_000L, PaymentStatus.CONFIRMED, "2025-02-01T00:00:00Z"));
        settle(
                invoices,
                atStart,
                InvoiceAdditionalStatus.NONE,
                200_500_000L,
                payment(
                        PaymentMethod.BTC_CHAIN,
                        "txid-1:0",
                        200_500_000L,
                        PaymentStatus.CONFIRMED,
                        "2025-02-01T00:10:00Z"));
        settle(
                invoices,
                overpaid,
                InvoiceAdditionalStatus.PAID_OVER,
                12_000_000L,
                payment(PaymentMethod.BTC_CHAIN, "txid-2:1", 5_000_000L, PaymentStatus.DROPPED, "2025-02-15T00:30:00Z"),
                payment(PaymentMethod.BTC_LN, "hash-2", 12_000_000L, PaymentStatus.CONFIRMED, "2025-02-15T01:00:00Z"));
        settle(
                invoices,
                atEnd,
                InvoiceAdditionalStatus.NONE,
                3_000_000L,
                payment(PaymentMethod.BTC_LN, "hash-4", 3_000_000L, PaymentStatus.CONFIRMED, "2025-03-01T00:00:00Z"));

        StringBuilder manyKeys = new StringBuilder("{");
        for (int i = 0; i < 105; i++) {
            manyKeys.append(i == 0 ? "" : ",")
                    .append("\"k")
                    .append(String.format("%03d", i))
                    .append("\":\"v")
                    .append(i)
                    .append('"');
        }
        invoices.create(
                invoice(acme, 1_000L, "BTC", null, null, manyKeys.append('}').toString(), "2025-04-10T00:00:00Z"));

        exporter = new ReportExporter(dsl, LedgerReports.registry(), swap, Clock.fixed(GENERATED, ZoneOffset.UTC));
    }

    @AfterAll
    void close() {
        database.close();
    }

    private static NewInvoice invoice(
            Merchant merchant,
            Long amountMsat,
            String currency,
            BigDecimal fiat,
            BigDecimal rate,
            String metadata,
            String createdAt) {
        Instant created = Instant.parse(createdAt);
        String orderId =
                metadata.contains("orderId") ? metadata.replaceAll("(?s).*\"orderId\":\"([^\"]+)\".*", "$1") : null;
        return new NewInvoice(
                merchant.id(),
                amountMsat,
                currency,
                fiat,
                rate,
                orderId,
                metadata,
                SpeedPolicy.MEDIUM,
                0,
                100,
                created,
                created.plusSeconds(900),
                created.plusSeconds(86_400));
    }

    private static InvoicePayment payment(
            PaymentMethod method, String ref, long msat, PaymentStatus status, String seenAt) {
        return new InvoicePayment(method, ref, "bc1qdestination" + ref, msat, 1, false, status, Instant.parse(seenAt));
    }

    private static void settle(
            InvoiceRepository invoices,
            String id,
            InvoiceAdditionalStatus additional,
            long paid,
            InvoicePayment... payments) {
        invoices.saveState(
                new InvoiceStateUpdate(id, 1, InvoiceStatus.SETTLED, additional, paid, null, List.of(payments), "{}"));
    }

    // --- invoices ---

    @Test
    void invoices_csv_has_btcpay_columns_flattened_metadata_and_totals_equal_to_an_independent_sum()
            throws IOException {
        ExportedReport csv = export(LedgerReports.INVOICES, ReportCriteria.period(FROM, TO), ReportFormat.CSV);
        List<CSVRecord> records = csv.csv();
        List<String> header = header(records, "Created (UTC)");
        List<Map<String, String>> rows = byHeader(header, table(records, "Created (UTC)"));

        assertThat(header)
                .contains(
                        "Store id",
                        "Invoice id",
                        "Order id",
                        "Expires (UTC)",
                        "Monitored until (UTC)",
                        "Full status",
                        "Status",
                        "Exception status",
                        "Price",
                        "Rate (currency per BTC)",
                        "Item code",
                        "Item description",
                        "Buyer email")
                .containsSubsequence(
                        "metadata.buyer.address.city",
                        "metadata.buyer.name",
                        "metadata.buyerEmail",
                        "metadata.itemCode",
                        "metadata.itemDesc",
                        "metadata.items",
                        "metadata.note",
                        "metadata.orderId");
        assertThat(rows)
                .extracting(r -> r.get("Invoice id"))
                .containsExactly(atStart, overpaid, topUpAtLastMicrosecond);

        Map<String, String> first = rows.get(0);
        assertThat(first.get("Created (UTC)")).isEqualTo("2025-02-01T00:00:00.000000Z");
        assertThat(first.get("Store")).isEqualTo(TRICKY_MERCHANT);
        assertThat(first.get("Order id")).isEqualTo("A-1");
        assertThat(first.get("Full status")).isEqualTo("SETTLED");
        assertThat(first.get("Currency")).isEqualTo("EUR");
        assertThat(first.get("Price")).isEqualTo("100.25");
        assertThat(first.get("Rate (currency per BTC)")).isEqualTo("50000.00");
        assertThat(first.get("Amount BTC")).isEqualTo("0.00200500");
        assertThat(first.get("Due BTC")).isEqualTo("0.00000000");
        assertThat(first.get("Payments")).isEqualTo("1");
        assertThat(first.get("Item description")).isEqualTo(TRICKY_ITEM);
        assertThat(first.get("Buyer email")).isEqualTo("zoe@example.com");
        assertThat(first.get("metadata.itemDesc")).isEqualTo(TRICKY_ITEM);
        assertThat(first.get("metadata.buyer.address.city")).isEqualTo("Köln");
        assertThat(first.get("metadata.items")).isEqualTo("[{\"sku\":\"fw\",\"qty\":1}]");
        assertThat(first.get("metadata.note")).isEqualTo("'=1+2");
        assertThat(first.get("metadata.itemCode")).isEmpty();

        Map<String, String> second = rows.get(1);
        assertThat(second.get("Store")).isEqualTo("'" + FORMULA_MERCHANT);
        assertThat(second.get("Full status")).isEqualTo("SETTLED (PAID_OVER)");
        assertThat(second.get("Price")).isEqualTo("0.0001");
        assertThat(second.get("Paid BTC")).isEqualTo("0.00012000");
        assertThat(second.get("Payments")).isEqualTo("1");
        assertThat(second.get("metadata.buyer.name")).isEqualTo("Bob, Jr.");

        Map<String, String> topUp = rows.get(2);
        assertThat(topUp.get("Created (UTC)")).isEqualTo("2025-02-28T23:59:59.999999Z");
        assertThat(topUp.get("Amount BTC")).isEmpty();
        assertThat(topUp.get("Due BTC")).isEmpty();

        org.jooq.Record sql = dsl.resultQuery("""
                        SELECT SUM(amount_msat), SUM(paid_msat),
                               SUM(CASE WHEN amount_msat > paid_msat THEN amount_msat - paid_msat ELSE 0 END),
                               SUM(CASE WHEN currency = 'EUR' THEN fiat_amount END), COUNT(*)
                          FROM invoice
                         WHERE created_at >= '2025-02-01 00:00:00' AND created_at < '2025-03-01 00:00:00'
                        """).fetchOne();
        assertThat(csv.result().rows()).isEqualTo(sql.get(4, Long.class)).isEqualTo(3);
        assertThat(csv.result().totals().msat(InvoicesQuery.INVOICED))
                .isEqualTo(sql.get(0, BigDecimal.class).longValueExact())
                .isEqualTo(210_500_000L);
        assertThat(csv.result().totals().msat(InvoicesQuery.PAID))
                .isEqualTo(sql.get(1, BigDecimal.class).longValueExact());
        assertThat(csv.result().totals().msat(InvoicesQuery.DUE))
                .isEqualTo(sql.get(2, BigDecimal.class).longValueExact());
        assertThat(csv.result().totals().fiat("EUR", InvoicesQuery.INVOICED))
                .isEqualByComparingTo(sql.get(3, BigDecimal.class));
        assertThat(totalRows(records))
                .contains(
                        List.of("BTC", InvoicesQuery.INVOICED, "0.00210500"),
                        List.of("BTC", InvoicesQuery.PAID, btc(sql.get(1, BigDecimal.class))),
                        List.of("EUR", InvoicesQuery.INVOICED, "100.25"),
                        List.of("EUR", InvoicesQuery.PAID_AT_RATE, "100.25"));
    }

    @Test
    void invoices_period_edges_are_utc_instants_and_the_merchant_filter_keeps_one_store() throws IOException {
        Instant from = OffsetDateTime.parse("2025-02-01T01:00:00.000001+01:00").toInstant();

        List<CSVRecord> records = export(LedgerReports.INVOICES, ReportCriteria.period(from, TO), ReportFormat.CSV)
                .csv();
        assertThat(table(records, "Created (UTC)"))
                .extracting(r -> r.get(3))
                .containsExactly(overpaid, topUpAtLastMicrosecond);

        ExportedReport onlyAcme = export(
                LedgerReports.INVOICES, ReportCriteria.period(FROM, TO).forMerchant(acme.id()), ReportFormat.CSV);
        List<CSVRecord> acmeRecords = onlyAcme.csv();
        assertThat(table(acmeRecords, "Created (UTC)"))
                .extracting(r -> r.get(3))
                .containsExactly(atStart, topUpAtLastMicrosecond);
        assertThat(header(acmeRecords, "Created (UTC)"))
                .contains("metadata.itemDesc")
                .doesNotContain("metadata.itemCode");
        assertThat(acmeRecords.get(2).get(1)).contains("merchant " + acme.id());
        assertThat(onlyAcme.result().totals().msat(InvoicesQuery.INVOICED)).isEqualTo(200_500_000L);
    }

    @Test
    void invoices_xlsx_has_numeric_amounts_text_metadata_and_the_totals() throws IOException {
        ExportedReport xlsx = export(LedgerReports.INVOICES, ReportCriteria.period(FROM, TO), ReportFormat.XLSX);

        List<List<Object>> rows = xlsx.xlsxTable("Created (UTC)");
        assertThat(rows).hasSize(3);
        List<String> header = header(
                export(LedgerReports.INVOICES, ReportCriteria.period(FROM, TO), ReportFormat.CSV)
                        .csv(),
                "Created (UTC)");
        List<Object> first = rows.get(0);
        assertThat(first.get(header.indexOf("Price"))).isEqualTo(100.25);
        assertThat(first.get(header.indexOf("Amount BTC"))).isEqualTo(0.002005);
        assertThat(first.get(header.indexOf("Payments"))).isEqualTo(1.0);
        assertThat(first.get(header.indexOf("metadata.itemDesc"))).isEqualTo(TRICKY_ITEM);
        assertThat(first.get(header.indexOf("metadata.note"))).isEqualTo("=1+2");
        assertThat(rows.get(1).get(header.indexOf("Store"))).isEqualTo(FORMULA_MERCHANT);
        assertThat(xlsx.xlsxCells()).contains("Invoices", "Generated at", "metadata.buyer.address.city");
        assertThat(xlsx.xlsxTotals())
                .contains(
                        List.of("BTC", InvoicesQuery.INVOICED, 0.002105),
                        List.of("EUR", InvoicesQuery.INVOICED, 100.25));
    }

    @Test
    void invoices_pdf_shows_a_fixed_subset_of_columns_and_the_totals() throws IOException {
        String pdf = export(LedgerReports.INVOICES, ReportCriteria.period(FROM, TO), ReportFormat.PDF)
                .pdfText();

        assertThat(pdf)
                .contains(
                        "Invoices",
                        "Generated at 2025-03-02T10:15:30Z",
                        "From 2025-02-01T00:00:00Z (inclusive)",
                        "Page 1 of 1",
                        "SETTLED",
                        "(PAID_OVER)",
                        "zoe@example.com",
                        "0.00200500",
                        "BTC: Invoiced 0.00210500",
                        "EUR: Invoiced 100.25")
                .doesNotContain(beforePeriod)
                .doesNotContain(atEnd);
    }

    @Test
    void metadata_past_one_hundred_keys_goes_into_one_other_keys_column() throws IOException {
        ReportCriteria april =
                ReportCriteria.period(Instant.parse("2025-04-01T00:00:00Z"), Instant.parse("2025-05-01T00:00:00Z"));
        List<CSVRecord> records =
                export(LedgerReports.INVOICES, april, ReportFormat.CSV).csv();
        List<String> header = header(records, "Created (UTC)");
        List<String> metadataColumns =
                header.stream().filter(h -> h.startsWith("metadata")).toList();

        assertThat(metadataColumns)
                .hasSize(101)
                .startsWith("metadata.k000")
                .endsWith("metadata.k099", "metadata (other keys)");
        CSVRecord row = table(records, "Created (UTC)").get(0);
        assertThat(row.get(header.indexOf("metadata.k042"))).isEqualTo("v42");
        assertThat(row.get(header.indexOf("metadata (other keys)")))
                .isEqualTo("k100=v100\nk101=v101\nk102=v102\nk103=v103\nk104=v104");
    }

    // --- payments ---

    @Test
    void payments_csv_has_one_row_per_payment_with_the_invoice_and_totals_equal_to_an_independent_sum()
            throws IOException {
        ExportedReport csv = export(LedgerReports.PAYMENTS, ReportCriteria.period(FROM, TO), ReportFormat.CSV);
        List<CSVRecord> records = csv.csv();
        List<String> header = header(records, "Received (UTC)");
        List<Map<String, String>> rows = byHeader(header, table(records, "Received (UTC)"));

        assertThat(header)
                .contains(
                        "Store id",
                        "Order id",
                        "Invoice id",
                        "Invoice created (UTC)",
                        "Payment id",
                        "Destination",
                        "Payment type",
                        "Crypto code",
                        "Paid BTC",
                        "Conversion rate",
                        "Paid (invoice currency)",
                        "Invoice currency",
                        "Invoice due BTC",
                        "Invoice price",
                        "Invoice full status",
                        "Accounted");
        assertThat(rows)
                .extracting(r -> r.get("Payment id"))
                .containsExactly("hash-0", "txid-1:0", "txid-2:1", "hash-2");
        Map<String, String> atFrom = rows.get(0);
        assertThat(atFrom.get("Received (UTC)")).isEqualTo("2025-02-01T00:00:00.000000Z");
        assertThat(atFrom.get("Invoice id")).isEqualTo(beforePeriod);
        assertThat(atFrom.get("Payment type")).isEqualTo("Lightning");
        Map<String, String> euro = rows.get(1);
        assertThat(euro.get("Store")).isEqualTo(TRICKY_MERCHANT);
        assertThat(euro.get("Payment type")).isEqualTo("On-chain");
        assertThat(euro.get("Destination")).isEqualTo("bc1qdestinationtxid-1:0");
        assertThat(euro.get("Paid BTC")).isEqualTo("0.00200500");
        assertThat(euro.get("Paid (invoice currency)")).isEqualTo("100.25");
        assertThat(euro.get("Invoice price")).isEqualTo("100.25");
        assertThat(euro.get("Item description")).isEqualTo(TRICKY_ITEM);
        assertThat(euro.get("Invoice due BTC")).isEqualTo("0.00000000");
        Map<String, String> dropped = rows.get(2);
        assertThat(dropped.get("Accounted")).isEqualTo("no");
        assertThat(dropped.get("Payment status")).isEqualTo("DROPPED");
        assertThat(dropped.get("Invoice due BTC")).isEqualTo("0.00010000");
        assertThat(dropped.get("Store")).isEqualTo("'" + FORMULA_MERCHANT);
        Map<String, String> over = rows.get(3);
        assertThat(over.get("Accounted")).isEqualTo("yes");
        assertThat(over.get("Invoice due BTC")).isEqualTo("-0.00002000");
        assertThat(over.get("Invoice full status")).isEqualTo("SETTLED (PAID_OVER)");

        org.jooq.Record sql = dsl.resultQuery("""
                        SELECT SUM(CASE WHEN status <> 'DROPPED' THEN amount_msat END),
                               SUM(CASE WHEN status = 'DROPPED' THEN amount_msat END), COUNT(*)
                          FROM invoice_payment
                         WHERE seen_at >= '2025-02-01 00:00:00' AND seen_at < '2025-03-01 00:00:00'
                        """).fetchOne();
        assertThat(csv.result().rows()).isEqualTo(sql.get(2, Long.class)).isEqualTo(4);
        assertThat(csv.result().totals().msat(PaymentsQuery.RECEIVED))
                .isEqualTo(sql.get(0, BigDecimal.class).longValueExact())
                .isEqualTo(213_500_000L);
        assertThat(csv.result().totals().msat(PaymentsQuery.NOT_ACCOUNTED))
                .isEqualTo(sql.get(1, BigDecimal.class).longValueExact());
        assertThat(totalRows(records))
                .contains(
                        List.of("BTC", PaymentsQuery.RECEIVED, "0.00213500"),
                        List.of("BTC", PaymentsQuery.NOT_ACCOUNTED, "0.00005000"),
                        List.of("EUR", PaymentsQuery.RECEIVED_AT_RATE, "100.25"));
    }

    @Test
    void payments_period_edges_merchant_filter_xlsx_and_pdf() throws IOException {
        Instant to = OffsetDateTime.parse("2025-02-15T02:30:00.000001+02:00").toInstant();
        List<CSVRecord> early = table(
                export(LedgerReports.PAYMENTS, ReportCriteria.period(FROM, to), ReportFormat.CSV)
                        .csv(),
                "Received (UTC)");
        assertThat(early).extracting(r -> r.get(8)).containsExactly("hash-0", "txid-1:0", "txid-2:1");

        ExportedReport onlyAcme = export(
                LedgerReports.PAYMENTS, ReportCriteria.period(FROM, TO).forMerchant(acme.id()), ReportFormat.CSV);
        assertThat(table(onlyAcme.csv(), "Received (UTC)"))
                .extracting(r -> r.get(8))
                .containsExactly("hash-0", "txid-1:0");

        ExportedReport xlsx = export(LedgerReports.PAYMENTS, ReportCriteria.period(FROM, TO), ReportFormat.XLSX);
        List<List<Object>> rows = xlsx.xlsxTable("Received (UTC)");
        assertThat(rows).extracting(r -> r.get(12)).containsExactly(0.00001, 0.002005, 0.00005, 0.00012);
        assertThat(rows.get(1).get(14)).isEqualTo(100.25);
        assertThat(rows.get(3).get(16)).isEqualTo(-0.00002);
        assertThat(xlsx.xlsxTotals()).contains(List.of("BTC", PaymentsQuery.RECEIVED, 0.002135));

        String pdf = export(LedgerReports.PAYMENTS, ReportCriteria.period(FROM, TO), ReportFormat.PDF)
                .pdfText();
        assertThat(pdf)
                .contains(
                        "Payments",
                        "Page 1 of 1",
                        "Lightning",
                        "On-chain",
                        "txid-1:0",
                        "DROPPED",
                        "BTC: Received 0.00213500 | Not accounted (dropped) 0.00005000",
                        "EUR: Received (at the invoice rate) 100.25")
                .doesNotContain("hash-4");
    }

    @Test
    void the_progress_callback_hears_the_rows_written_and_the_final_count() {
        List<Long> heard = new ArrayList<>();
        ExportResult result = exporter.export(
                LedgerReports.PAYMENTS,
                ReportCriteria.period(FROM, TO),
                ReportFormat.CSV,
                new ByteArrayOutputStream(),
                heard::add);

        assertThat(heard).containsExactly(4L);
        assertThat(result.rows()).isEqualTo(4);
    }

    // --- helpers ---

    private static String btc(BigDecimal msat) {
        return Msat.ofMsat(msat.longValueExact()).toBtcString();
    }

    private static List<Map<String, String>> byHeader(List<String> header, List<CSVRecord> rows) {
        return rows.stream()
                .map(r -> header.stream().collect(Collectors.toMap(h -> h, h -> r.get(header.indexOf(h)), (a, b) -> a)))
                .toList();
    }

    private ExportedReport export(String report, ReportCriteria criteria, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResult result = exporter.export(report, criteria, format, out);
        return new ExportedReport(result, out.toByteArray());
    }
}
