package com.flash.backoffice.reports;

import static com.flash.backoffice.reports.ExportedReport.header;
import static com.flash.backoffice.reports.ExportedReport.table;
import static com.flash.backoffice.reports.ExportedReport.totalRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.refund.NewRefund;
import com.flash.backoffice.db.refund.RefundOrigin;
import com.flash.backoffice.db.refund.RefundQuote;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundReservation;
import com.flash.backoffice.db.refund.RefundSource;
import com.flash.backoffice.db.refund.RefundStartResult;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundStateChange;
import com.flash.backoffice.db.refund.RefundVariant;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.refunds.RefundsQuery;
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
 * The refunds report on a seeded MariaDB: BTCPay's refunds report columns in BTCPay's order and Flash's after them,
 * Completed, Awaiting, Limit and FullyPaid for every refund state (cancelled and expired in neither), exact BTC from
 * msat, period edges on the refund's creation, merchant filter, CSV escaping and formula guard, totals against
 * independent SQL sums, read back with commons-csv, POI and PDFBox. Refunds go through {@link RefundRepository}
 * (start, reservation, steps) on settled invoices, then are dated for the period edges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundReportsIT {

    static final Instant FROM = Instant.parse("2025-02-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant GENERATED = Instant.parse("2025-03-02T10:15:30Z");
    static final BigDecimal RATE = new BigDecimal("50000");
    static final String TRICKY_MERCHANT = "Acme, \"Best\" Coffee\nRoastery";
    static final String PREIMAGE = "4f3c6a1b2d8e9f00112233445566778899aabbccddeeff00112233445566e1f2";
    static final String TRICKY_REASON = "=HYPERLINK(\"http://evil\"), said the customer\nwho \"never\" got it";
    static final String FIRST_DATE = "Date (UTC)";

    private TestDatabase database;
    private DSLContext dsl;
    private ReportExporter exporter;
    private Merchant acme;
    private Merchant bob;
    private Invoice acmeInvoice;
    private Invoice bobInvoice;
    private String beforePeriod;
    private String completedAtStart;
    private String cancelled;
    private String expired;
    private String awaitingClaim;
    private String inProgress;
    private String awaitingApprovalAtLastMicrosecond;
    private String atEnd;

    @TempDir
    static Path swap;

    @BeforeAll
    void seed() {
        database = TestDatabase.migrated("refund_reports_it");
        dsl = database.dsl();
        PaidInvoices paid = new PaidInvoices(dsl);
        MerchantRepository merchants = new MerchantRepository(dsl);
        acme = merchants.create(NewMerchant.withDefaults(TRICKY_MERCHANT, "EUR"));
        bob = merchants.create(NewMerchant.withDefaults("Bob's Beans", "USD"));
        paid.fund(acme.id(), 1_000_000_000L, "funding-" + acme.id());
        paid.fund(bob.id(), 1_000_000_000L, "funding-" + bob.id());
        acmeInvoice = paid.settled(acme.id(), 500_000_000L, 500_000_000L, RATE, null);
        bobInvoice = paid.settled(bob.id(), 500_000_000L, 500_000_000L, RATE, null);
        RefundRepository refunds = new RefundRepository(dsl);

        beforePeriod = start(
                refunds,
                acmeInvoice,
                RefundVariant.RATE_THEN,
                1_000_000L,
                "reason-before-period",
                "2025-01-31T23:59:59.999999Z");

        completedAtStart = start(
                refunds, acmeInvoice, RefundVariant.RATE_THEN, 250_000_123L, "wrong size", "2025-02-01T00:00:00Z");
        reserve(refunds, completedAtStart, 250_000_123L, "2025-02-01T00:01:00Z");
        refunds.saveState(
                change(
                        completedAtStart,
                        2,
                        RefundState.IN_PROGRESS,
                        "lnbcrt1claim",
                        null,
                        null,
                        "2025-02-01T00:02:00Z"),
                false);
        refunds.saveState(
                change(completedAtStart, 3, RefundState.COMPLETED, null, 1_234L, PREIMAGE, "2025-02-01T00:05:00.250Z"),
                false);

        cancelled = start(refunds, bobInvoice, RefundVariant.FIAT, 30_000_000L, "changed mind", "2025-02-10T12:00:00Z");
        refunds.saveState(change(cancelled, 1, RefundState.CANCELLED, null, null, null, "2025-02-10T13:00:00Z"), false);

        expired = start(refunds, acmeInvoice, RefundVariant.CURRENT_RATE, 4_000_000L, "late", "2025-02-12T08:00:00Z");
        reserve(refunds, expired, 4_000_000L, "2025-02-12T08:01:00Z");
        refunds.saveState(change(expired, 2, RefundState.EXPIRED, null, null, null, "2025-02-13T08:01:00Z"), false);

        awaitingClaim =
                start(refunds, acmeInvoice, RefundVariant.CUSTOM, 5_000_000L, TRICKY_REASON, "2025-02-15T00:00:00Z");
        reserve(refunds, awaitingClaim, 5_000_000L, "2025-02-15T00:01:00Z");

        inProgress = start(
                refunds, bobInvoice, RefundVariant.RATE_THEN, 6_000_000L, "double charge", "2025-02-20T09:30:00Z");
        reserve(refunds, inProgress, 6_000_000L, "2025-02-20T09:31:00Z");
        refunds.saveState(
                change(inProgress, 2, RefundState.IN_PROGRESS, "lnbcrt1inflight", null, null, "2025-02-20T09:32:00Z"),
                false);

        awaitingApprovalAtLastMicrosecond =
                start(refunds, bobInvoice, RefundVariant.RATE_THEN, 7_000_000L, "last", "2025-02-28T23:59:59.999999Z");

        atEnd = start(
                refunds, acmeInvoice, RefundVariant.RATE_THEN, 2_000_000L, "reason-at-end", "2025-03-01T00:00:00Z");

        exporter = new ReportExporter(dsl, LedgerReports.registry(), swap, Clock.fixed(GENERATED, ZoneOffset.UTC));
    }

    @AfterAll
    void close() {
        database.close();
    }

    /** Starts through the repository (the invoice's cap and all), then dates the refund for the period edges. */
    private String start(
            RefundRepository refunds,
            Invoice invoice,
            RefundVariant variant,
            long msat,
            String reason,
            String createdAt) {
        RefundStartResult result = refunds.start(new NewRefund(
                invoice.id(),
                new RefundQuote(variant, msat, null, null, null, BigDecimal.ZERO, true),
                RefundSource.MERCHANT,
                null,
                reason,
                false,
                null,
                RefundOrigin.PORTAL,
                "support-sam",
                10_000));
        String id = ((RefundStartResult.Created) result).refund().id();
        dsl.execute("UPDATE refund SET created_at = ? WHERE id = ?", UtcTimestamps.toDb(Instant.parse(createdAt)), id);
        return id;
    }

    private static void reserve(RefundRepository refunds, String id, long msat, String at) {
        Instant when = Instant.parse(at);
        assertThat(refunds.reserve(id, 1, msat, "Approved", when.plusSeconds(86_400), when))
                .isEqualTo(RefundReservation.reserved(msat));
    }

    private static RefundStateChange change(
            String id, int revision, RefundState state, String destination, Long feeMsat, String proof, String at) {
        return new RefundStateChange(
                id,
                revision,
                state,
                "workflow",
                false,
                List.of(),
                state.name(),
                destination,
                null,
                1,
                feeMsat,
                proof,
                null,
                Instant.parse(at));
    }

    @Test
    void the_csv_has_btcpays_columns_in_btcpays_order_then_flashs_and_one_row_per_refund_of_the_period()
            throws IOException {
        ExportedReport csv = export(ReportCriteria.period(FROM, TO), ReportFormat.CSV);
        List<CSVRecord> records = csv.csv();
        List<String> header = header(records, FIRST_DATE);
        List<Map<String, String>> rows = byHeader(header, table(records, FIRST_DATE));

        assertThat(records.get(0).get(1)).isEqualTo("Refunds");
        assertThat(header)
                .containsExactly(
                        "Date (UTC)",
                        "Invoice id",
                        "Currency",
                        "Completed",
                        "Awaiting",
                        "Limit",
                        "Fully paid",
                        "Refund id",
                        "Store id",
                        "Store",
                        "Variant",
                        "State",
                        "Reason",
                        "Requested by",
                        "Fee BTC",
                        "Proof",
                        "Completed, cancelled or expired (UTC)");
        assertThat(rows)
                .extracting(r -> r.get("Refund id"))
                .containsExactly(
                        completedAtStart,
                        cancelled,
                        expired,
                        awaitingClaim,
                        inProgress,
                        awaitingApprovalAtLastMicrosecond);

        assertThat(rows.get(0))
                .containsEntry("Date (UTC)", "2025-02-01T00:00:00.000000Z")
                .containsEntry("Invoice id", acmeInvoice.id())
                .containsEntry("Currency", "BTC")
                .containsEntry("Completed", "0.00250000123")
                .containsEntry("Awaiting", "0.00000000")
                .containsEntry("Limit", "0.00250000123")
                .containsEntry("Fully paid", "true")
                .containsEntry("Store id", acme.id())
                .containsEntry("Store", TRICKY_MERCHANT)
                .containsEntry("Variant", "RateThen")
                .containsEntry("State", "Completed")
                .containsEntry("Reason", "wrong size")
                .containsEntry("Requested by", "support-sam")
                .containsEntry("Fee BTC", "0.00000001234")
                .containsEntry("Proof", PREIMAGE)
                .containsEntry("Completed, cancelled or expired (UTC)", "2025-02-01T00:05:00.250000Z");
        assertThat(rows.get(1))
                .containsEntry("Invoice id", bobInvoice.id())
                .containsEntry("Completed", "0.00000000")
                .containsEntry("Awaiting", "0.00000000")
                .containsEntry("Limit", "0.00030000")
                .containsEntry("Fully paid", "false")
                .containsEntry("Store", "Bob's Beans")
                .containsEntry("Variant", "Fiat")
                .containsEntry("State", "Cancelled")
                .containsEntry("Fee BTC", "")
                .containsEntry("Proof", "")
                .containsEntry("Completed, cancelled or expired (UTC)", "2025-02-10T13:00:00.000000Z");
        assertThat(rows.get(2))
                .containsEntry("Completed", "0.00000000")
                .containsEntry("Awaiting", "0.00000000")
                .containsEntry("Limit", "0.00004000")
                .containsEntry("Fully paid", "false")
                .containsEntry("Variant", "CurrentRate")
                .containsEntry("State", "Expired")
                .containsEntry("Completed, cancelled or expired (UTC)", "2025-02-13T08:01:00.000000Z");
        assertThat(rows.get(3))
                .containsEntry("Completed", "0.00000000")
                .containsEntry("Awaiting", "0.00005000")
                .containsEntry("Limit", "0.00005000")
                .containsEntry("Fully paid", "false")
                .containsEntry("Variant", "Custom")
                .containsEntry("State", "AwaitingClaim")
                .containsEntry("Reason", "'" + TRICKY_REASON)
                .containsEntry("Completed, cancelled or expired (UTC)", "");
        assertThat(rows.get(4))
                .containsEntry("Awaiting", "0.00006000")
                .containsEntry("Limit", "0.00006000")
                .containsEntry("Fully paid", "false")
                .containsEntry("State", "InProgress");
        assertThat(rows.get(5))
                .containsEntry("Date (UTC)", "2025-02-28T23:59:59.999999Z")
                .containsEntry("Awaiting", "0.00007000")
                .containsEntry("Limit", "0.00007000")
                .containsEntry("Fully paid", "false")
                .containsEntry("State", "AwaitingApproval");
        assertThat(records.stream().map(CSVRecord::size).distinct()).hasSize(1);
    }

    @Test
    void the_totals_are_limit_completed_awaiting_and_fees_and_equal_independent_sql_sums() throws IOException {
        ExportedReport csv = export(ReportCriteria.period(FROM, TO), ReportFormat.CSV);

        org.jooq.Record sql = dsl.resultQuery("""
                        SELECT SUM(amount_msat),
                               SUM(CASE WHEN state = 'COMPLETED' THEN amount_msat ELSE 0 END),
                               SUM(CASE WHEN state IN ('AWAITING_APPROVAL', 'AWAITING_CLAIM', 'IN_PROGRESS')
                                        THEN amount_msat ELSE 0 END),
                               SUM(CASE WHEN state = 'COMPLETED' THEN fee_msat ELSE 0 END),
                               COUNT(*)
                          FROM refund
                         WHERE created_at >= '2025-02-01 00:00:00' AND created_at < '2025-03-01 00:00:00'
                        """).fetchOne();
        assertThat(csv.result().rows()).isEqualTo(sql.get(4, Long.class)).isEqualTo(6);
        assertThat(csv.result().totals().msat(RefundsQuery.LIMIT))
                .isEqualTo(msat(sql, 0))
                .isEqualTo(302_000_123L);
        assertThat(csv.result().totals().msat(RefundsQuery.COMPLETED))
                .isEqualTo(msat(sql, 1))
                .isEqualTo(250_000_123L);
        assertThat(csv.result().totals().msat(RefundsQuery.AWAITING))
                .isEqualTo(msat(sql, 2))
                .isEqualTo(18_000_000L);
        assertThat(csv.result().totals().msat(RefundsQuery.FEES)).isEqualTo(msat(sql, 3));
        assertThat(totalRows(csv.csv()))
                .containsExactly(
                        List.of("BTC", RefundsQuery.LIMIT, "0.00302000123"),
                        List.of("BTC", RefundsQuery.COMPLETED, "0.00250000123"),
                        List.of("BTC", RefundsQuery.AWAITING, "0.00018000"),
                        List.of("BTC", RefundsQuery.FEES, "0.00000001234"));
    }

    @Test
    void the_period_is_from_inclusive_to_exclusive_in_another_offset_and_the_merchant_filter_narrows_to_one_store()
            throws IOException {
        Instant to = OffsetDateTime.parse("2025-02-15T02:00:00.000001+02:00").toInstant();
        assertThat(refundIds(export(ReportCriteria.period(FROM, to), ReportFormat.CSV)))
                .containsExactly(completedAtStart, cancelled, expired, awaitingClaim);
        assertThat(refundIds(
                        export(ReportCriteria.period(FROM, Instant.parse("2025-02-15T00:00:00Z")), ReportFormat.CSV)))
                .containsExactly(completedAtStart, cancelled, expired);
        assertThat(refundIds(export(ReportCriteria.period(FROM.minusNanos(1_000), FROM), ReportFormat.CSV)))
                .containsExactly(beforePeriod);

        ExportedReport onlyBob = export(ReportCriteria.period(FROM, TO).forMerchant(bob.id()), ReportFormat.CSV);
        assertThat(refundIds(onlyBob)).containsExactly(cancelled, inProgress, awaitingApprovalAtLastMicrosecond);
        assertThat(onlyBob.result().totals().msat(RefundsQuery.LIMIT)).isEqualTo(43_000_000L);
        assertThat(onlyBob.result().totals().msat(RefundsQuery.COMPLETED)).isZero();
        assertThat(onlyBob.result().totals().msat(RefundsQuery.AWAITING)).isEqualTo(13_000_000L);
        assertThat(onlyBob.csv()).anySatisfy(r -> assertThat(r.get(1)).contains("merchant " + bob.id()));

        ExportedReport onlyAcme = export(ReportCriteria.period(FROM, TO).forMerchant(acme.id()), ReportFormat.CSV);
        assertThat(refundIds(onlyAcme)).containsExactly(completedAtStart, expired, awaitingClaim);

        ExportedReport nextMonth =
                export(ReportCriteria.period(TO, Instant.parse("2025-04-01T00:00:00Z")), ReportFormat.CSV);
        assertThat(refundIds(nextMonth)).containsExactly(atEnd);
    }

    @Test
    void the_xlsx_has_numeric_btc_amounts_and_the_pdf_the_rows_and_the_totals() throws IOException {
        ExportedReport xlsx = export(ReportCriteria.period(FROM, TO), ReportFormat.XLSX);
        List<List<Object>> rows = xlsx.xlsxTable(FIRST_DATE);
        assertThat(rows).extracting(r -> r.get(3)).containsExactly(0.00250000123, 0.0, 0.0, 0.0, 0.0, 0.0);
        assertThat(rows).extracting(r -> r.get(4)).containsExactly(0.0, 0.0, 0.0, 0.00005, 0.00006, 0.00007);
        assertThat(rows)
                .extracting(r -> r.get(5))
                .containsExactly(0.00250000123, 0.0003, 0.00004, 0.00005, 0.00006, 0.00007);
        assertThat(rows).extracting(r -> r.get(6)).containsExactly("true", "false", "false", "false", "false", "false");
        assertThat(rows)
                .extracting(r -> r.get(11))
                .containsExactly(
                        "Completed", "Cancelled", "Expired", "AwaitingClaim", "InProgress", "AwaitingApproval");
        assertThat(rows.get(0).get(14)).isEqualTo(0.00000001234);
        assertThat(rows.get(0).get(15)).isEqualTo(PREIMAGE);
        assertThat(rows.get(3).get(12)).isEqualTo(TRICKY_REASON);
        assertThat(xlsx.xlsxTotals())
                .containsExactly(
                        List.of("BTC", RefundsQuery.LIMIT, 0.00302000123),
                        List.of("BTC", RefundsQuery.COMPLETED, 0.00250000123),
                        List.of("BTC", RefundsQuery.AWAITING, 0.00018),
                        List.of("BTC", RefundsQuery.FEES, 0.00000001234));

        String pdf = export(ReportCriteria.period(FROM, TO), ReportFormat.PDF).pdfText();
        assertThat(pdf)
                .contains(
                        "Refunds",
                        "Generated at 2025-03-02T10:15:30Z",
                        "From 2025-02-01T00:00:00Z (inclusive)",
                        "Page 1 of 1",
                        "RateThen",
                        "CurrentRate",
                        "AwaitingApproval",
                        "AwaitingClaim",
                        "Expired",
                        "0.00250000123",
                        "true",
                        "false",
                        PREIMAGE.substring(0, 10) + "…" + PREIMAGE.substring(PREIMAGE.length() - 5),
                        "BTC: Limit 0.00302000123 | Completed 0.00250000123 | Awaiting 0.00018000"
                                + " | Fees paid 0.00000001234")
                .doesNotContain("reason-before-period")
                .doesNotContain("reason-at-end")
                .doesNotContain(PREIMAGE);
    }

    private List<String> refundIds(ExportedReport report) throws IOException {
        return table(report.csv(), FIRST_DATE).stream().map(r -> r.get(7)).toList();
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
        ExportResult result = exporter.export(LedgerReports.REFUNDS, criteria, format, out);
        return new ExportedReport(result, out.toByteArray());
    }
}
