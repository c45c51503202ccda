package com.flash.backoffice.reports;

import static com.flash.backoffice.reports.ExportedReport.header;
import static com.flash.backoffice.reports.ExportedReport.table;
import static com.flash.backoffice.reports.ExportedReport.totalRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.NewPayout;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutDestinationKind;
import com.flash.backoffice.db.payout.PayoutOrigin;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.db.payout.PayoutRequestResult;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.payout.PayoutStateChange;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.payouts.PayoutsQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
 * The payouts report on a seeded MariaDB: BTCPay's payouts report columns in BTCPay's order and Flash's after them,
 * every state, exact BTC from msat, period edges, merchant filter, CSV escaping and formula guard, totals against
 * independent SQL sums, read back with commons-csv, POI and PDFBox.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PayoutReportsIT {

    static final Instant FROM = Instant.parse("2025-02-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant GENERATED = Instant.parse("2025-03-02T10:15:30Z");
    static final String TRICKY_MERCHANT = "Acme, \"Best\" Coffee\nRoastery";
    static final String BOLT11 =
            "lnbcrt2500u1pjq7ft0pp5qqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqqqsyqcyq5rqwzqfqypqdq5xysxxatsyp3k7enxv4jsxqzpusp5zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zyg3zygs9qrsgq7ea976txfraylvgzuxs8kgcw23ezlrszfnh8r6qtfpr6cxga50aj6txm9rxrydzd06dfeawfk6swupvz4erwnyutnjq7x39ymw6j2hqpjn4jhe";
    static final String PREIMAGE = "4f3c6a1b2d8e9f00112233445566778899aabbccddeeff00112233445566e1f2";
    static final String ONCHAIN = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080";
    static final String FAILURE_DETAIL = "-1 sat over the fee limit, \"no route\"\nretry later";

    private TestDatabase database;
    private DSLContext dsl;
    private ReportExporter exporter;
    private Merchant acme;
    private Merchant bob;
    private String beforePeriod;
    private String atStart;
    private String cancelled;
    private String failed;
    private String awaitingAtLastMicrosecond;
    private String atEnd;

    @TempDir
    static Path swap;

    @BeforeAll
    void seed() {
        database = TestDatabase.migrated("payout_reports_it");
        dsl = database.dsl();
        MerchantRepository merchants = new MerchantRepository(dsl);
        acme = funded(merchants.create(NewMerchant.withDefaults(TRICKY_MERCHANT, "EUR")));
        bob = funded(merchants.create(NewMerchant.withDefaults("Bob's Beans", "USD")));
        PayoutRepository payouts = new PayoutRepository(dsl);

        beforePeriod = request(
                payouts,
                acme,
                "lnbcrt-before",
                PayoutDestinationKind.BOLT11,
                1_000_000L,
                PayoutOrigin.PORTAL,
                "2025-01-31T23:59:59.999999Z");
        complete(payouts, beforePeriod, 0L, "before-proof", "2025-02-01T00:30:00Z");

        atStart = request(
                payouts,
                acme,
                BOLT11,
                PayoutDestinationKind.BOLT11,
                250_000_123L,
                PayoutOrigin.PORTAL,
                "2025-02-01T00:00:00Z");
        complete(payouts, atStart, 1_234L, PREIMAGE, "2025-02-01T00:05:00.250Z");

        cancelled = request(
                payouts,
                bob,
                ONCHAIN,
                PayoutDestinationKind.ONCHAIN,
                30_000_000L,
                PayoutOrigin.API,
                "2025-02-10T12:00:00Z");
        payouts.saveState(change(cancelled, 1, PayoutState.CANCELLED, null, null, null, null, "2025-02-10T13:00:00Z"));

        failed = request(
                payouts,
                acme,
                "alice@example.com",
                PayoutDestinationKind.LIGHTNING_ADDRESS,
                5_000_000L,
                PayoutOrigin.SCHEDULE,
                "2025-02-15T00:00:00Z");
        payouts.saveState(
                change(failed, 1, PayoutState.AWAITING_PAYMENT, null, null, null, null, "2025-02-15T00:01:00Z"));
        payouts.saveState(change(failed, 2, PayoutState.IN_PROGRESS, null, null, null, null, "2025-02-15T00:02:00Z"));
        payouts.saveState(
                change(failed, 3, PayoutState.FAILED, "NO_ROUTE", FAILURE_DETAIL, null, null, "2025-02-15T00:03:00Z"));

        awaitingAtLastMicrosecond = request(
                payouts,
                bob,
                "lnbcrt-awaiting",
                PayoutDestinationKind.BOLT11,
                7_000_000L,
                PayoutOrigin.PORTAL,
                "2025-02-28T23:59:59.999999Z");

        atEnd = request(
                payouts,
                acme,
                "lnbcrt-at-end",
                PayoutDestinationKind.BOLT11,
                2_000_000L,
                PayoutOrigin.PORTAL,
                "2025-03-01T00:00:00Z");

        exporter = new ReportExporter(dsl, LedgerReports.registry(), swap, Clock.fixed(GENERATED, ZoneOffset.UTC));
    }

    @AfterAll
    void close() {
        database.close();
    }

    private Merchant funded(Merchant merchant) {
        LedgerRepository ledger = new LedgerRepository(dsl);
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.parse("2025-01-01T00:00:00Z"),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofSats(1_000_000)),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), Msat.ofSats(1_000_000)))));
        return merchant;
    }

    /** Requests through the repository (reservation and all), then dates the payout for the period edges. */
    private String request(
            PayoutRepository payouts,
            Merchant merchant,
            String destination,
            PayoutDestinationKind kind,
            long msat,
            PayoutOrigin origin,
            String createdAt) {
        PayoutRequestResult result = payouts.request(
                new NewPayout(merchant.id(), destination, kind, msat, 10_000, origin, "finance-" + origin.name()));
        Payout payout = ((PayoutRequestResult.Created) result).payout();
        dsl.execute(
                "UPDATE payout SET created_at = ? WHERE id = ?",
                UtcTimestamps.toDb(Instant.parse(createdAt)),
                payout.id());
        return payout.id();
    }

    private static void complete(PayoutRepository payouts, String id, long feeMsat, String proof, String at) {
        payouts.saveState(change(id, 1, PayoutState.AWAITING_PAYMENT, null, null, null, null, at));
        payouts.saveState(change(id, 2, PayoutState.IN_PROGRESS, null, null, null, null, at));
        payouts.saveState(change(id, 3, PayoutState.COMPLETED, null, null, feeMsat, proof, at));
    }

    private static PayoutStateChange change(
            String id,
            int revision,
            PayoutState state,
            String failure,
            String failureDetail,
            Long feeMsat,
            String proof,
            String at) {
        return new PayoutStateChange(
                id,
                revision,
                state,
                "workflow",
                false,
                List.of(),
                state.name(),
                failure,
                failureDetail,
                feeMsat,
                proof,
                Instant.parse(at));
    }

    @Test
    void the_csv_has_btcpays_columns_in_btcpays_order_then_flashs_and_one_row_per_payout_of_the_period()
            throws IOException {
        ExportedReport csv = export(ReportCriteria.period(FROM, TO), ReportFormat.CSV);
        List<CSVRecord> records = csv.csv();
        List<String> header = header(records, "Date (UTC)");
        List<Map<String, String>> rows = byHeader(header, table(records, "Date (UTC)"));

        assertThat(records.get(0).get(1)).isEqualTo("Payouts");
        assertThat(header)
                .containsExactly(
                        "Date (UTC)",
                        "Source",
                        "State",
                        "Payment type",
                        "Currency",
                        "Amount",
                        "Original currency",
                        "Original amount",
                        "Destination",
                        "Fee BTC",
                        "Proof",
                        "Payout id",
                        "Store id",
                        "Store",
                        "Requested by",
                        "Completed or cancelled (UTC)",
                        "Failure",
                        "Failure detail");
        assertThat(rows)
                .extracting(r -> r.get("Payout id"))
                .containsExactly(atStart, cancelled, failed, awaitingAtLastMicrosecond);

        assertThat(rows.get(0))
                .containsEntry("Date (UTC)", "2025-02-01T00:00:00.000000Z")
                .containsEntry("Source", "Portal")
                .containsEntry("State", "Completed")
                .containsEntry("Payment type", "Lightning")
                .containsEntry("Currency", "BTC")
                .containsEntry("Amount", "0.00250000123")
                .containsEntry("Original currency", "BTC")
                .containsEntry("Original amount", "0.00250000123")
                .containsEntry("Destination", BOLT11)
                .containsEntry("Fee BTC", "0.00000001234")
                .containsEntry("Proof", PREIMAGE)
                .containsEntry("Store id", acme.id())
                .containsEntry("Store", TRICKY_MERCHANT)
                .containsEntry("Requested by", "finance-PORTAL")
                .containsEntry("Completed or cancelled (UTC)", "2025-02-01T00:05:00.250000Z")
                .containsEntry("Failure", "");
        assertThat(rows.get(1))
                .containsEntry("Source", "API")
                .containsEntry("State", "Cancelled")
                .containsEntry("Payment type", "On-Chain")
                .containsEntry("Amount", "0.00030000")
                .containsEntry("Destination", ONCHAIN)
                .containsEntry("Fee BTC", "")
                .containsEntry("Proof", "")
                .containsEntry("Store", "Bob's Beans")
                .containsEntry("Completed or cancelled (UTC)", "2025-02-10T13:00:00.000000Z");
        assertThat(rows.get(2))
                .containsEntry("Source", "Schedule")
                .containsEntry("State", "Failed")
                .containsEntry("Payment type", "Lightning")
                .containsEntry("Destination", "alice@example.com")
                .containsEntry("Completed or cancelled (UTC)", "")
                .containsEntry("Failure", "NO_ROUTE")
                .containsEntry("Failure detail", "'" + FAILURE_DETAIL);
        assertThat(rows.get(3))
                .containsEntry("Date (UTC)", "2025-02-28T23:59:59.999999Z")
                .containsEntry("State", "AwaitingApproval")
                .containsEntry("Amount", "0.00007000");
        assertThat(records.stream().map(CSVRecord::size).distinct()).hasSize(1);
    }

    @Test
    void the_totals_split_what_was_requested_by_outcome_and_equal_independent_sql_sums() throws IOException {
        ExportedReport csv = export(ReportCriteria.period(FROM, TO), ReportFormat.CSV);

        org.jooq.Record sql = dsl.resultQuery("""
                        SELECT SUM(amount_msat),
                               SUM(CASE WHEN state = 'COMPLETED' THEN amount_msat ELSE 0 END),
                               SUM(CASE WHEN state = 'CANCELLED' THEN amount_msat ELSE 0 END),
                               SUM(CASE WHEN state NOT IN ('COMPLETED', 'CANCELLED') THEN amount_msat ELSE 0 END),
                               SUM(CASE WHEN state = 'COMPLETED' THEN fee_msat ELSE 0 END),
                               COUNT(*)
                          FROM payout
                         WHERE created_at >= '2025-02-01 00:00:00' AND created_at < '2025-03-01 00:00:00'
                        """).fetchOne();
        assertThat(csv.result().rows()).isEqualTo(sql.get(5, Long.class)).isEqualTo(4);
        assertThat(csv.result().totals().msat(PayoutsQuery.REQUESTED))
                .isEqualTo(msat(sql, 0))
                .isEqualTo(292_000_123L);
        assertThat(csv.result().totals().msat(PayoutsQuery.COMPLETED)).isEqualTo(msat(sql, 1));
        assertThat(csv.result().totals().msat(PayoutsQuery.CANCELLED)).isEqualTo(msat(sql, 2));
        assertThat(csv.result().totals().msat(PayoutsQuery.OPEN)).isEqualTo(msat(sql, 3));
        assertThat(csv.result().totals().msat(PayoutsQuery.FEES)).isEqualTo(msat(sql, 4));
        assertThat(totalRows(csv.csv()))
                .containsExactly(
                        List.of("BTC", PayoutsQuery.REQUESTED, "0.00292000123"),
                        List.of("BTC", PayoutsQuery.COMPLETED, "0.00250000123"),
                        List.of("BTC", PayoutsQuery.CANCELLED, "0.00030000"),
                        List.of("BTC", PayoutsQuery.OPEN, "0.00012000"),
                        List.of("BTC", PayoutsQuery.FEES, "0.00000001234"));
    }

    @Test
    void the_period_edges_hold_in_another_offset_and_the_merchant_filter_narrows_to_one_store() throws IOException {
        Instant to = OffsetDateTime.parse("2025-02-15T02:00:00.000001+02:00").toInstant();
        assertThat(table(
                        export(ReportCriteria.period(FROM, to), ReportFormat.CSV)
                                .csv(),
                        "Date (UTC)"))
                .extracting(r -> r.get(11))
                .containsExactly(atStart, cancelled, failed);
        assertThat(table(
                        export(ReportCriteria.period(FROM.minusNanos(1_000), FROM), ReportFormat.CSV)
                                .csv(),
                        "Date (UTC)"))
                .extracting(r -> r.get(11))
                .containsExactly(beforePeriod);

        ExportedReport onlyBob = export(ReportCriteria.period(FROM, TO).forMerchant(bob.id()), ReportFormat.CSV);
        assertThat(table(onlyBob.csv(), "Date (UTC)"))
                .extracting(r -> r.get(11))
                .containsExactly(cancelled, awaitingAtLastMicrosecond);
        assertThat(onlyBob.result().totals().msat(PayoutsQuery.REQUESTED)).isEqualTo(37_000_000L);
        assertThat(onlyBob.csv()).anySatisfy(r -> assertThat(r.get(1)).contains("merchant " + bob.id()));

        ExportedReport nextMonth =
                export(ReportCriteria.period(TO, Instant.parse("2025-04-01T00:00:00Z")), ReportFormat.CSV);
        assertThat(table(nextMonth.csv(), "Date (UTC)"))
                .extracting(r -> r.get(11))
                .containsExactly(atEnd);
    }

    @Test
    void the_xlsx_has_numeric_btc_amounts_and_the_pdf_the_rows_shortened_and_the_totals() throws IOException {
        ExportedReport xlsx = export(ReportCriteria.period(FROM, TO), ReportFormat.XLSX);
        List<List<Object>> rows = xlsx.xlsxTable("Date (UTC)");
        assertThat(rows).extracting(r -> r.get(5)).containsExactly(0.00250000123, 0.0003, 0.00005, 0.00007);
        assertThat(rows)
                .extracting(r -> r.get(2))
                .containsExactly("Completed", "Cancelled", "Failed", "AwaitingApproval");
        assertThat(rows.get(0).get(9)).isEqualTo(0.00000001234);
        assertThat(rows.get(0).get(8)).isEqualTo(BOLT11);
        assertThat(xlsx.xlsxTotals())
                .contains(
                        List.of("BTC", PayoutsQuery.REQUESTED, 0.00292000123),
                        List.of("BTC", PayoutsQuery.FEES, 0.00000001234));

        String pdf = export(ReportCriteria.period(FROM, TO), ReportFormat.PDF).pdfText();
        assertThat(pdf)
                .contains(
                        "Payouts",
                        "Generated at 2025-03-02T10:15:30Z",
                        "From 2025-02-01T00:00:00Z (inclusive)",
                        "Page 1 of 1",
                        "AwaitingApproval",
                        "On-Chain",
                        "0.00250000123",
                        BOLT11.substring(0, 24) + "…" + BOLT11.substring(BOLT11.length() - 11),
                        "BTC: Requested 0.00292000123 | Completed 0.00250000123 | Cancelled 0.00030000"
                                + " | Open (reserved) 0.00012000 | Fees paid 0.00000001234")
                .doesNotContain(beforePeriod)
                .doesNotContain(atEnd)
                .doesNotContain(BOLT11);
    }

    private static long msat(org.jooq.Record sql, int index) {
        return sql.get(index, BigDecimal.class).longValueExact();
    }

    private static List<Map<String, String>> byHeader(List<String> header, List<CSVRecord> rows) {
        return rows.stream()
                .map(r -> header.stream().collect(Collectors.toMap(h -> h, h -> r.get(header.indexOf(h)), (a, b) -> a)))
                .toList();
    }

    private ExportedReport export(ReportCriteria criteria, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResult result = exporter.export(LedgerReports.PAYOUTS, criteria, format, out);
        return new ExportedReport(result, out.toByteArray());
    }
}
