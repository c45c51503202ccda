package com.flash.backoffice.reports;

import static com.flash.backoffice.db.ledger.JournalLine.credit;
import static com.flash.backoffice.db.ledger.JournalLine.debit;
import static com.flash.backoffice.reports.ExportedReport.table;
import static com.flash.backoffice.reports.ExportedReport.totalRows;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.ledger.AccountType;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportDefinition;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.export.ReportParameter;
import com.flash.backoffice.reports.export.ReportTotals;
import com.flash.backoffice.reports.fees.FeesRevenueQuery;
import com.flash.backoffice.reports.journal.JournalQuery;
import com.flash.backoffice.reports.statement.MerchantStatementQuery;
import com.flash.backoffice.reports.trialbalance.TrialBalanceQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVRecord;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The four ledger reports on a seeded MariaDB, each output format read back by an independent reader (commons-csv,
 * PDFBox, POI) and each total checked against an independent SQL sum; every registered report's empty period. The
 * seed puts entries one microsecond before the period, exactly at its start, at its last microsecond and exactly at
 * its end, so each report's rows and totals also check the period edges.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LedgerReportsIT {

    static final Instant FROM = Instant.parse("2025-02-01T00:00:00Z");
    static final Instant TO = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant GENERATED = Instant.parse("2025-03-02T10:15:30Z");
    static final String TRICKY_MERCHANT = "Acme, \"Best\" Coffee\nRoastery";
    static final String TRICKY_DESCRIPTION = "Refund, \"quoted\"\nsecond line";

    private TestDatabase database;
    private DSLContext dsl;
    private ReportExporter exporter;
    private Merchant acme;
    private Merchant bob;
    private String bobInvoice;

    @TempDir
    static Path swap;

    @BeforeAll
    void seed() {
        database = TestDatabase.migrated("reports_it");
        dsl = database.dsl();
        LedgerRepository ledger = new LedgerRepository(dsl);
        MerchantRepository merchants = new MerchantRepository(dsl);
        acme = merchants.create(NewMerchant.withDefaults(TRICKY_MERCHANT, "EUR"));
        bob = merchants.create(NewMerchant.withDefaults("Bob's Beans", "USD"));
        bobInvoice = new InvoiceRepository(dsl)
                .create(new NewInvoice(
                        bob.id(),
                        10_000_000L,
                        "BTC",
                        null,
                        null,
                        null,
                        null,
                        SpeedPolicy.MEDIUM,
                        0,
                        100,
                        Instant.parse("2025-02-20T07:00:00Z"),
                        Instant.parse("2025-02-20T07:15:00Z"),
                        Instant.parse("2025-02-21T07:15:00Z")))
                .id();
        String acmeAccount = MerchantStatementQuery.accountCode(acme.id());
        ledger.createAccount(new NewLedgerAccount(acmeAccount, "Merchant balance", AccountType.LIABILITY, acme.id()));

        // before the period, by one microsecond
        ledger.post(entry(
                "invoice-a0-settlement",
                "Invoice a0 settled",
                "2025-01-31T23:59:59.999999Z",
                debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(100_000_000))
                        .withFiat(new BigDecimal("50.00"), "USD"),
                credit(acmeAccount, Msat.ofMsat(99_000_000)).withFiat(new BigDecimal("49.50"), "USD"),
                credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(1_000_000))
                        .withFiat(new BigDecimal("0.50"), "USD")));
        // exactly at the start: included
        ledger.post(entry(
                "invoice-a1-settlement",
                TRICKY_DESCRIPTION,
                "2025-02-01T00:00:00Z",
                debit(ChartOfAccounts.ONCHAIN_ASSETS.code(), Msat.ofMsat(200_000_001))
                        .withFiat(new BigDecimal("100.25"), "EUR"),
                credit(acmeAccount, Msat.ofMsat(198_000_001)).withFiat(new BigDecimal("99.25"), "EUR"),
                credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(2_000_000))
                        .withFiat(new BigDecimal("1.00"), "EUR")));
        ledger.post(entry(
                "payout-p1",
                "Payout to merchant",
                "2025-02-15T12:00:00Z",
                debit(acmeAccount, Msat.ofMsat(50_000_000)),
                credit(ChartOfAccounts.ONCHAIN_ASSETS.code(), Msat.ofMsat(50_000_000))));
        // no merchant account in the entry: the fee belongs to the invoice's merchant
        ledger.post(entry(
                "invoice-" + bobInvoice + "-settlement",
                "Invoice settled",
                "2025-02-20T08:00:00Z",
                debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(10_000_000)),
                credit(ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), Msat.ofMsat(9_900_000)),
                credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(100_000))));
        // the last microsecond of the period: included
        ledger.post(entry(
                "invoice-a2-settlement-reversal-2",
                "Invoice a2 settlement reversed",
                "2025-02-28T23:59:59.999999Z",
                debit(acmeAccount, Msat.ofMsat(990_000)),
                debit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(10_000)),
                credit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(1_000_000))));
        // exactly at the end: excluded
        ledger.post(entry(
                "invoice-a3-settlement",
                "Invoice a3 settled",
                "2025-03-01T00:00:00Z",
                debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(7_000_000)),
                credit(acmeAccount, Msat.ofMsat(6_930_000)),
                credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(70_000))));

        exporter = new ReportExporter(dsl, LedgerReports.registry(), swap, Clock.fixed(GENERATED, ZoneOffset.UTC));
    }

    @AfterAll
    void close() {
        database.close();
    }

    private static JournalEntry entry(String key, String description, String bookedAt, JournalLine... lines) {
        return new JournalEntry(key, description, Instant.parse(bookedAt), List.of(lines));
    }

    // --- journal ---

    @Test
    void journal_csv_lists_every_line_of_the_period_and_its_totals_equal_an_independent_sum() throws IOException {
        ExportedReport csv = export(LedgerReports.JOURNAL, ReportCriteria.period(FROM, TO), ReportFormat.CSV);
        org.jooq.Record sql = dsl.resultQuery("""
                        SELECT SUM(CASE WHEN l.side = 'DEBIT' THEN l.amount_msat END),
                               SUM(CASE WHEN l.side = 'CREDIT' THEN l.amount_msat END),
                               COUNT(*)
                          FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
                         WHERE e.posted AND e.booked_at >= '2025-02-01 00:00:00' AND e.booked_at < '2025-03-01 00:00:00'
                        """).fetchOne();

        List<CSVRecord> records = csv.csv();
        List<CSVRecord> lines = table(records, "Entry");
        assertThat(lines).hasSize(sql.get(2, Integer.class)).hasSize(11);
        assertThat(lines)
                .extracting(r -> r.get(2))
                .contains("invoice-a1-settlement", "invoice-a2-settlement-reversal-2")
                .doesNotContain("invoice-a0-settlement", "invoice-a3-settlement");
        assertThat(lines).extracting(r -> r.get(3)).contains(TRICKY_DESCRIPTION);
        assertThat(lines.get(0).get(1)).isEqualTo("2025-02-01T00:00:00.000000Z");
        assertThat(lines.get(0).get(7)).isEqualTo("0.00200000001");
        assertThat(lines.get(0).get(9)).isEqualTo("100.25");
        assertThat(lines.get(0).get(11)).isEqualTo("EUR");

        String debits = btc(sql.get(0, BigDecimal.class));
        assertThat(debits).isEqualTo(btc(sql.get(1, BigDecimal.class))).isEqualTo("0.00261000001");
        assertThat(totalRows(records))
                .contains(
                        List.of("BTC", JournalQuery.DEBITS, debits),
                        List.of("BTC", JournalQuery.CREDITS, debits),
                        List.of("EUR", JournalQuery.DEBITS, "100.25"),
                        List.of("EUR", JournalQuery.CREDITS, "100.25"));
        assertThat(records.get(0).get(1)).isEqualTo("Journal");
        assertThat(records.get(1).get(1)).isEqualTo("2025-03-02T10:15:30Z");
        assertThat(records.get(2).get(1))
                .contains("2025-02-01T00:00:00Z (inclusive)", "2025-03-01T00:00:00Z (exclusive)");
        assertThat(csv.result().rows()).isEqualTo(11);
        assertThat(csv.result().totals().msat(JournalQuery.DEBITS))
                .isEqualTo(sql.get(0, BigDecimal.class).longValueExact());
    }

    @Test
    void journal_pdf_shows_title_criteria_generation_time_page_numbers_entry_totals_and_totals_per_currency()
            throws IOException {
        String text = export(LedgerReports.JOURNAL, ReportCriteria.period(FROM, TO), ReportFormat.PDF)
                .pdfText();

        assertThat(text)
                .contains("Journal")
                .contains("Generated at 2025-03-02T10:15:30Z")
                .contains("From 2025-02-01T00:00:00Z (inclusive)")
                .contains("Page 1 of 1")
                .contains("Entry total")
                .contains("invoice-a1-settlement")
                .contains("Refund, \"quoted\"")
                .contains("BTC: Debits 0.00261000001 | Credits 0.00261000001")
                .contains("EUR: Debits 100.25 | Credits 100.25")
                .doesNotContain("invoice-a0-settlement")
                .doesNotContain("invoice-a3-settlement");
    }

    @Test
    void journal_xlsx_opens_with_poi_holds_the_lines_as_numeric_amounts_the_criteria_and_the_totals()
            throws IOException {
        ExportedReport xlsx = export(LedgerReports.JOURNAL, ReportCriteria.period(FROM, TO), ReportFormat.XLSX);

        assertThat(xlsx.xlsxCells())
                .contains(
                        "Journal",
                        "Generated at",
                        "2025-03-02T10:15:30Z",
                        ChartOfAccounts.ONCHAIN_ASSETS.code(),
                        TRICKY_DESCRIPTION)
                .anySatisfy(c -> assertThat(c).contains("2025-02-01T00:00:00Z (inclusive)"))
                .noneSatisfy(c -> assertThat(c).contains("invoice-a3-settlement"));
        List<List<Object>> lines = xlsx.xlsxTable("Entry");
        assertThat(lines).hasSize(11);
        List<Object> first = lines.get(0);
        assertThat(first.get(2)).isEqualTo("invoice-a1-settlement");
        assertThat(first.get(4)).isEqualTo(1.0);
        assertThat(first.get(7)).isEqualTo(0.00200000001);
        assertThat(first.get(9)).isEqualTo(100.25);
        assertThat(first.get(11)).isEqualTo("EUR");
        assertThat(xlsx.xlsxTotals())
                .contains(
                        List.of("BTC", JournalQuery.DEBITS, 0.00261000001),
                        List.of("BTC", JournalQuery.CREDITS, 0.00261000001),
                        List.of("EUR", JournalQuery.DEBITS, 100.25));
        assertThat(xlsx.xlsxCells()).contains("0.00261000001", "100.25");
    }

    @Test
    void period_edges_are_utc_instants_from_inclusive_and_to_exclusive() throws IOException {
        Instant from = OffsetDateTime.parse("2025-02-01T01:00:00.000001+01:00").toInstant();
        Instant to = Instant.parse("2025-02-28T23:59:59.999999Z");

        List<CSVRecord> lines = table(
                export(LedgerReports.JOURNAL, ReportCriteria.period(from, to), ReportFormat.CSV)
                        .csv(),
                "Entry");

        assertThat(lines).extracting(r -> r.get(2)).containsOnly("payout-p1", "invoice-" + bobInvoice + "-settlement");
    }

    @Test
    void every_report_for_an_empty_period_is_a_valid_clearly_empty_report_in_every_format() throws IOException {
        Instant from = Instant.parse("2024-01-01T00:00:00Z");
        Instant to = Instant.parse("2024-02-01T00:00:00Z");
        assertThat(LedgerReports.registry().all()).hasSize(10);
        for (ReportDefinition definition : LedgerReports.registry().all()) {
            ReportCriteria empty = definition.parameters().contains(ReportParameter.FROM)
                    ? ReportCriteria.period(from, to)
                    : ReportCriteria.asOf(to);
            if (definition.parameters().contains(ReportParameter.MERCHANT)) {
                empty = empty.forMerchant(acme.id());
            }
            String name = definition.name();

            ExportedReport csv = export(name, empty, ReportFormat.CSV);
            assertThat(csv.result().empty()).as(name).isTrue();
            List<CSVRecord> records = csv.csv();
            assertThat(records.get(0).get(1)).as(name).isEqualTo(definition.title());
            assertThat(records).as(name).extracting(r -> r.get(0)).contains(ReportExporter.NO_DATA);
            assertThat(totalRows(records))
                    .as(name)
                    .isNotEmpty()
                    .allSatisfy(total -> assertThat(total.get(0)).isEqualTo("BTC"));
            assertThat(records.stream().map(CSVRecord::size).distinct())
                    .as(name)
                    .hasSize(1);

            ExportedReport xlsx = export(name, empty, ReportFormat.XLSX);
            assertThat(xlsx.xlsxCells())
                    .as(name)
                    .contains(definition.title(), "Generated at", ReportExporter.NO_DATA, "Total");
            assertThat(xlsx.xlsxTotals())
                    .as(name)
                    .isNotEmpty()
                    .allSatisfy(total -> assertThat(total.get(2)).isEqualTo(0.0));

            assertThat(export(name, empty, ReportFormat.PDF).pdfText())
                    .as(name)
                    .contains(definition.title(), ReportExporter.NO_DATA, "Generated at", "Page 1 of 1", "BTC: ");
        }
    }

    // --- trial balance ---

    @Test
    void trial_balance_at_a_date_balances_and_matches_an_independent_sum() throws IOException {
        ExportedReport csv = export(LedgerReports.TRIAL_BALANCE, ReportCriteria.asOf(TO), ReportFormat.CSV);
        BigDecimal allDebits = dsl.resultQuery("""
                        SELECT SUM(l.amount_msat) FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id
                         WHERE e.posted AND l.side = 'DEBIT' AND e.booked_at < '2025-03-01 00:00:00'
                        """).fetchOne().get(0, BigDecimal.class);

        ReportTotals totals = csv.result().totals();
        assertThat(totals.msat(TrialBalanceQuery.DEBITS))
                .isEqualTo(totals.msat(TrialBalanceQuery.CREDITS))
                .isEqualTo(allDebits.longValueExact())
                .isEqualTo(361_000_001L);
        assertThat(totals.msat(TrialBalanceQuery.DEBIT_BALANCES))
                .isEqualTo(totals.msat(TrialBalanceQuery.CREDIT_BALANCES));
        List<CSVRecord> accounts = table(csv.csv(), "Account");
        CSVRecord acmeRow = accounts.stream()
                .filter(r -> r.get(0).equals(MerchantStatementQuery.accountCode(acme.id())))
                .findFirst()
                .orElseThrow();
        assertThat(acmeRow.get(6)).isEqualTo(btc(BigDecimal.valueOf(246_010_001L)));
        assertThat(acmeRow.get(2)).isEqualTo("LIABILITY");

        String pdf = export(LedgerReports.TRIAL_BALANCE, ReportCriteria.asOf(TO), ReportFormat.PDF)
                .pdfText();
        assertThat(pdf)
                .contains(
                        "Trial balance",
                        "Balances at 2025-03-01T00:00:00Z",
                        "Page 1 of 1",
                        "BTC: Debits 0.00361000001 | Credits 0.00361000001");
    }

    @Test
    void trial_balance_and_merchant_statement_agree_with_the_custody_accounts() throws IOException {
        LedgerRepository ledger = new LedgerRepository(dsl);
        String carol = new MerchantRepository(dsl)
                .create(NewMerchant.withDefaults("Carol's Custody Corner", "EUR"))
                .id();
        String liability = ChartOfAccounts.merchantBalance(carol).code();
        String receivable = ChartOfAccounts.feesReceivable(carol).code();
        ledger.createAccount(ChartOfAccounts.merchantBalance(carol));
        ledger.createAccount(ChartOfAccounts.feesReceivable(carol));
        // the three settlement shapes of the custody table, after the seeded period so no other test sees them
        ledger.post(entry(
                "custody-lightning",
                "Lightning: Flash's asset, owed to the merchant",
                "2025-03-10T10:00:00Z",
                debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(50_000_000)),
                credit(liability, Msat.ofMsat(49_500_000)),
                credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(500_000))));
        ledger.post(entry(
                "custody-merchant-wallet",
                "On-chain to the merchant's wallet: the fee it owes",
                "2025-03-10T11:00:00Z",
                debit(receivable, Msat.ofMsat(300_000)),
                credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(300_000))));
        ledger.post(entry(
                "custody-flash-wallet",
                "On-chain to Flash's wallet, overpaid",
                "2025-03-10T12:00:00Z",
                debit(ChartOfAccounts.ONCHAIN_ASSETS.code(), Msat.ofMsat(21_000_000)),
                credit(liability, Msat.ofMsat(19_800_000)),
                credit(ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), Msat.ofMsat(1_000_000)),
                credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(200_000))));
        Instant april = Instant.parse("2025-04-01T00:00:00Z");

        ExportedReport trial = export(LedgerReports.TRIAL_BALANCE, ReportCriteria.asOf(april), ReportFormat.CSV);
        ExportedReport statement = export(
                LedgerReports.MERCHANT_STATEMENT,
                ReportCriteria.period(TO, april).forMerchant(carol),
                ReportFormat.CSV);

        ReportTotals totals = trial.result().totals();
        assertThat(totals.msat(TrialBalanceQuery.DEBITS)).isEqualTo(totals.msat(TrialBalanceQuery.CREDITS));
        assertThat(totals.msat(TrialBalanceQuery.DEBIT_BALANCES))
                .isEqualTo(totals.msat(TrialBalanceQuery.CREDIT_BALANCES));
        List<CSVRecord> accounts = table(trial.csv(), "Account");
        assertThat(accounts)
                .filteredOn(r -> r.get(0).equals(liability))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get(2)).isEqualTo("LIABILITY");
                    assertThat(r.get(6)).isEqualTo(btc(BigDecimal.valueOf(69_300_000L)));
                });
        assertThat(accounts)
                .filteredOn(r -> r.get(0).equals(receivable))
                .singleElement()
                .satisfies(r -> {
                    assertThat(r.get(2)).isEqualTo("ASSET");
                    assertThat(r.get(5)).as("debit balance").isEqualTo(btc(BigDecimal.valueOf(300_000L)));
                });
        assertThat(statement.result().totals().msat(MerchantStatementQuery.OPENING))
                .isZero();
        assertThat(statement.result().totals().msat(MerchantStatementQuery.CLOSING))
                .isEqualTo(69_300_000L);
    }

    @Test
    void trial_balance_shows_fiat_at_the_booking_rate_per_currency_next_to_btc() throws IOException {
        ExportedReport csv = export(LedgerReports.TRIAL_BALANCE, ReportCriteria.asOf(TO), ReportFormat.CSV);
        List<CSVRecord> records = csv.csv();
        List<String> header = ExportedReport.header(records, "Account");
        assertThat(header)
                .containsSubsequence(
                        "Credit balance BTC",
                        "EUR debits",
                        "EUR credits",
                        "EUR debit balance",
                        "EUR credit balance",
                        "USD debits",
                        "USD credits",
                        "USD debit balance",
                        "USD credit balance");
        String acmeCode = MerchantStatementQuery.accountCode(acme.id());
        CSVRecord acmeRow = table(records, "Account").stream()
                .filter(r -> r.get(0).equals(acmeCode))
                .findFirst()
                .orElseThrow();
        assertThat(acmeRow.get(header.indexOf("EUR credits"))).isEqualTo("99.25");
        assertThat(acmeRow.get(header.indexOf("EUR credit balance"))).isEqualTo("99.25");
        assertThat(acmeRow.get(header.indexOf("EUR debit balance"))).isEqualTo("0.00");
        assertThat(acmeRow.get(header.indexOf("USD credit balance"))).isEqualTo("49.50");
        assertThat(acmeRow.get(header.indexOf("Fiat balances at booking"))).isEqualTo("EUR 99.25 Cr; USD 49.50 Cr");
        CSVRecord payoutOnly = table(records, "Account").stream()
                .filter(r -> r.get(0).equals(ChartOfAccounts.ONCHAIN_ASSETS.code()))
                .findFirst()
                .orElseThrow();
        assertThat(payoutOnly.get(header.indexOf("USD debits"))).isEmpty();

        for (String currency : List.of("EUR", "USD")) {
            BigDecimal debits = fiatSum(currency, "DEBIT");
            BigDecimal credits = fiatSum(currency, "CREDIT");
            ReportTotals totals = csv.result().totals();
            assertThat(totals.fiat(currency, TrialBalanceQuery.DEBITS)).isEqualByComparingTo(debits);
            assertThat(totals.fiat(currency, TrialBalanceQuery.CREDITS)).isEqualByComparingTo(credits);
            assertThat(totals.fiat(currency, TrialBalanceQuery.DEBIT_BALANCES))
                    .isEqualByComparingTo(totals.fiat(currency, TrialBalanceQuery.CREDIT_BALANCES));
        }
        assertThat(totalRows(records))
                .contains(
                        List.of("EUR", TrialBalanceQuery.DEBITS, "100.25"),
                        List.of("USD", TrialBalanceQuery.CREDIT_BALANCES, "50.00"));

        ExportedReport xlsx = export(LedgerReports.TRIAL_BALANCE, ReportCriteria.asOf(TO), ReportFormat.XLSX);
        List<Object> acmeCells = xlsx.xlsxTable("Account").stream()
                .filter(r -> r.get(0).equals(acmeCode))
                .findFirst()
                .orElseThrow();
        assertThat(acmeCells.get(6)).isEqualTo(0.00246010001);
        assertThat(acmeCells.get(header.indexOf("EUR credit balance"))).isEqualTo(99.25);
        assertThat(xlsx.xlsxTotals()).contains(List.of("USD", TrialBalanceQuery.DEBITS, 50.0));

        String pdf = export(LedgerReports.TRIAL_BALANCE, ReportCriteria.asOf(TO), ReportFormat.PDF)
                .pdfText();
        assertThat(pdf).contains("Fiat at booking", "EUR 99.25 Cr", "EUR: Debits 100.25", "USD: Debits 50.00");
    }

    private BigDecimal fiatSum(String currency, String side) {
        return dsl.resultQuery(
                        "SELECT SUM(l.fiat_amount) FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id"
                                + " WHERE e.posted AND l.fiat_currency = ? AND l.side = ?"
                                + " AND e.booked_at < '2025-03-01 00:00:00'",
                        currency,
                        side)
                .fetchOne()
                .get(0, BigDecimal.class);
    }

    // --- merchant statement ---

    @Test
    void merchant_statement_has_opening_balance_movements_fees_and_closing_balance() throws IOException {
        ReportCriteria criteria = ReportCriteria.period(FROM, TO).forMerchant(acme.id());
        ExportedReport csv = export(LedgerReports.MERCHANT_STATEMENT, criteria, ReportFormat.CSV);
        String account = MerchantStatementQuery.accountCode(acme.id());
        long opening = sumMsat(
                "SELECT SUM(CASE WHEN l.side = 'CREDIT' THEN l.amount_msat ELSE -l.amount_msat END)"
                        + " FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id JOIN ledger_account a ON a.id = l.account_id"
                        + " WHERE e.posted AND a.code = ? AND e.booked_at < '2025-02-01 00:00:00'",
                account);
        long closing = sumMsat(
                "SELECT SUM(CASE WHEN l.side = 'CREDIT' THEN l.amount_msat ELSE -l.amount_msat END)"
                        + " FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id JOIN ledger_account a ON a.id = l.account_id"
                        + " WHERE e.posted AND a.code = ? AND e.booked_at < '2025-03-01 00:00:00'",
                account);

        ReportTotals totals = csv.result().totals();
        assertThat(totals.msat(MerchantStatementQuery.OPENING))
                .isEqualTo(opening)
                .isEqualTo(99_000_000L);
        assertThat(totals.msat(MerchantStatementQuery.CLOSING))
                .isEqualTo(closing)
                .isEqualTo(246_010_001L);
        assertThat(totals.msat(MerchantStatementQuery.FEES)).isEqualTo(1_990_000L);
        List<CSVRecord> records = csv.csv();
        assertThat(records).anySatisfy(r -> {
            assertThat(r.get(0)).isEqualTo("Merchant name");
            assertThat(r.get(1)).isEqualTo(TRICKY_MERCHANT);
        });
        List<CSVRecord> movements = table(records, "Booked at (UTC)");
        assertThat(movements)
                .extracting(r -> r.get(2))
                .containsExactly("invoice-a1-settlement", "payout-p1", "invoice-a2-settlement-reversal-2");
        assertThat(movements).extracting(r -> r.get(6)).containsExactly("0.00002000", "", "-0.00000010");
        assertThat(totalRows(records))
                .contains(List.of("BTC", MerchantStatementQuery.CLOSING, btc(BigDecimal.valueOf(closing))));

        String pdf = export(LedgerReports.MERCHANT_STATEMENT, criteria, ReportFormat.PDF)
                .pdfText();
        assertThat(pdf)
                .contains("Merchant statement", "Acme, \"Best\" Coffee", "Roastery", "Page 1 of 1")
                .contains("Opening balance 0.00099000", "Closing balance 0.00246010001");

        ExportedReport xlsx = export(LedgerReports.MERCHANT_STATEMENT, criteria, ReportFormat.XLSX);
        assertThat(xlsx.xlsxCells()).containsSubsequence("Merchant name", TRICKY_MERCHANT);
        assertThat(xlsx.xlsxTable("Booked at (UTC)"))
                .extracting(r -> r.get(6))
                .containsExactly(0.00002, "", -0.0000001);
        assertThat(xlsx.xlsxTotals())
                .contains(
                        List.of("BTC", MerchantStatementQuery.OPENING, 0.00099),
                        List.of("BTC", MerchantStatementQuery.CLOSING, 0.00246010001));
    }

    // --- fees and revenue ---

    @Test
    void fees_per_merchant_add_up_to_the_fee_account_and_follow_the_entry_or_the_invoice() throws IOException {
        ExportedReport csv = export(LedgerReports.FEES_REVENUE, ReportCriteria.period(FROM, TO), ReportFormat.CSV);
        long feeAccount = sumMsat(
                "SELECT SUM(CASE WHEN l.side = 'CREDIT' THEN l.amount_msat ELSE -l.amount_msat END)"
                        + " FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id JOIN ledger_account a ON a.id = l.account_id"
                        + " WHERE e.posted AND a.code = ? AND e.booked_at >= '2025-02-01 00:00:00' AND e.booked_at < '2025-03-01 00:00:00'",
                ChartOfAccounts.PROCESSING_FEE_REVENUE.code());

        assertThat(csv.result().totals().msat(FeesRevenueQuery.FEES))
                .isEqualTo(feeAccount)
                .isEqualTo(2_090_000L);
        List<CSVRecord> rows = table(csv.csv(), "Month");
        assertThat(rows).allSatisfy(r -> assertThat(r.get(0)).isEqualTo("2025-02"));
        assertThat(rows)
                .extracting(r -> List.of(r.get(2), r.get(4), r.get(6)))
                .containsExactlyInAnyOrder(
                        List.of(TRICKY_MERCHANT, "0.00002000", "EUR"),
                        List.of(TRICKY_MERCHANT, "-0.00000010", ""),
                        List.of("Bob's Beans", "0.00000100", ""));
        assertThat(totalRows(csv.csv())).contains(List.of("EUR", FeesRevenueQuery.FEES, "1.00"));

        ExportedReport onlyBob = export(
                LedgerReports.FEES_REVENUE, ReportCriteria.period(FROM, TO).forMerchant(bob.id()), ReportFormat.CSV);
        assertThat(onlyBob.result().totals().msat(FeesRevenueQuery.FEES)).isEqualTo(100_000L);

        String pdf = export(LedgerReports.FEES_REVENUE, ReportCriteria.period(FROM, TO), ReportFormat.PDF)
                .pdfText();
        assertThat(pdf)
                .contains(
                        "Fees and revenue",
                        "Bob's Beans",
                        "BTC: Processing fees 0.00002090",
                        "EUR: Processing fees 1.00");

        ExportedReport xlsx = export(LedgerReports.FEES_REVENUE, ReportCriteria.period(FROM, TO), ReportFormat.XLSX);
        assertThat(xlsx.xlsxTable("Month"))
                .extracting(r -> List.of(r.get(2), r.get(3), r.get(4)))
                .contains(List.of("Bob's Beans", 1.0, 0.000001), List.of(TRICKY_MERCHANT, 1.0, 0.00002));
        assertThat(xlsx.xlsxTotals())
                .contains(List.of("BTC", FeesRevenueQuery.FEES, 0.0000209), List.of("EUR", FeesRevenueQuery.FEES, 1.0));
    }

    // --- helpers ---

    private long sumMsat(String sql, Object... bindings) {
        return dsl.resultQuery(sql, bindings)
                .fetchOne()
                .get(0, BigDecimal.class)
                .longValueExact();
    }

    private static String btc(BigDecimal msat) {
        return Msat.ofMsat(msat.longValueExact()).toBtcString();
    }

    private ExportedReport export(String report, ReportCriteria criteria, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResult result = exporter.export(report, criteria, format, out);
        return new ExportedReport(result, out.toByteArray());
    }
}
