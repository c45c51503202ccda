package com.flash.backoffice.reports;

import static com.flash.backoffice.reports.ExportedReport.header;
import static com.flash.backoffice.reports.ExportedReport.table;
import static com.flash.backoffice.reports.ExportedReport.totalRows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardChange;
import com.flash.backoffice.db.card.CardLifecycle;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardReason;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.card.TapAcceptance;
import com.flash.backoffice.db.card.WithdrawalStart;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.reports.card.CardBalancesQuery;
import com.flash.backoffice.reports.card.CardTransactionsQuery;
import com.flash.backoffice.reports.export.ExportResult;
import com.flash.backoffice.reports.export.ReportCriteria;
import com.flash.backoffice.reports.export.ReportExporter;
import com.flash.backoffice.reports.export.ReportFormat;
import com.flash.backoffice.reports.export.ReportTotals;
import com.flash.backoffice.reports.trialbalance.TrialBalanceQuery;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * The card balances and card transactions reports on a seeded MariaDB. Cards go through the db module's repositories:
 * issued, programmed and activated by {@link CardRepository}, credited by {@link CardWithdrawals#creditFromLightning},
 * tapped (reserved, then paid, failed or still being paid) by {@link CardWithdrawals}, lost and replaced by
 * {@link CardLifecycle}. The seed books one top-up one microsecond before the balance date and two exactly at it, a tap
 * reserved at its last microsecond and still being paid, an entry that was never posted, and a card with no posted
 * line; the balances' totals are checked against the card accounts of the trial balance at the same date and an
 * independent SQL sum.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CardReportsIT {

    static final Instant JAN = Instant.parse("2025-01-01T00:00:00Z");
    static final Instant FEB = Instant.parse("2025-02-01T00:00:00Z");
    static final Instant MAR = Instant.parse("2025-03-01T00:00:00Z");
    static final Instant GENERATED = Instant.parse("2025-03-02T10:15:30Z");
    static final String CAMPUS = "Campus, \"North\"";
    static final String FESTIVAL = "Festival";
    static final String LAST_MICROSECOND = "2025-01-31T23:59:59.999999Z";

    private TestDatabase database;
    private DSLContext dsl;
    private ReportExporter exporter;
    private Card alice;
    private Card bob;
    private Card carol;
    private Card dave;
    private Card erin;
    private long paidTap;
    private long payingTap;
    private long failedTap;
    private Instant later;

    @TempDir
    static Path swap;

    @BeforeAll
    void seed() {
        database = TestDatabase.migrated("card_reports_it");
        dsl = database.dsl();
        CardRepository cards = new CardRepository(dsl);
        CardWithdrawals withdrawals = new CardWithdrawals(dsl);
        CardProgramme campus = programme(cards, CAMPUS);
        CardProgramme festival = programme(cards, FESTIVAL);
        alice = active(cards, campus);
        bob = active(cards, festival);
        carol = active(cards, festival);
        dave = active(cards, festival);
        erin = cards.issueBatch(campus.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();

        withdrawals.creditFromLightning(
                alice.id(), 100_000_000L, "card-top-up-t1", "Top-up over Lightning", at("2025-01-10T09:00:00Z"));
        withdrawals.creditFromLightning(
                dave.id(), 5_000_000L, "card-top-up-t5", "Top-up over Lightning", at("2025-01-15T00:00:00Z"));
        // reserved, then paid 5 seconds later with a routing fee
        paidTap = tap(cards, withdrawals, alice, 1, 30_000_123L, "2025-01-20T12:00:00Z");
        withdrawals.paid(paidTap, 1_000L, at("2025-01-20T12:00:05Z"));
        // never posted: counts nowhere
        new LedgerRepository(dsl).createAccount(ChartOfAccounts.cardBalance(erin.id()));
        unposted(alice, "card-top-up-unposted-alice", 999L, "2025-01-25T00:00:00Z");
        unposted(erin, "card-top-up-unposted-erin", 1_000L, "2025-01-25T00:00:00Z");
        // the balance date's last microsecond: a tap still being paid, then a top-up
        payingTap = tap(cards, withdrawals, alice, 2, 20_000_000L, LAST_MICROSECOND);
        withdrawals.creditFromLightning(
                bob.id(), 7_000_000L, "card-top-up-t3", "Top-up over Lightning", at(LAST_MICROSECOND));
        cards.move(bob.id(), CardState.ACTIVE, CardState.FROZEN);
        // exactly at the balance date: not in the balances at it
        withdrawals.creditFromLightning(alice.id(), 50_000_000L, "card-top-up-t2", "Top-up over Lightning", FEB);
        withdrawals.creditFromLightning(carol.id(), 3_000_000L, "card-top-up-t4", "Manual top-up t4", FEB);
        // reserved, then not paid: the amount goes back to the card
        failedTap = tap(cards, withdrawals, alice, 3, 10_000_000L, "2025-02-10T08:00:00Z");
        withdrawals.failed(failedTap, "NO_ROUTE", at("2025-02-10T08:00:30Z"));
        // dave is lost now (booked at the time of the change): its balance moves to carol
        assertThat(new CardLifecycle(dsl)
                        .replace(
                                new CardChange(
                                        dave.id(),
                                        3,
                                        CardState.ACTIVE,
                                        CardState.LOST,
                                        "sue",
                                        List.of("SUPPORT"),
                                        true,
                                        CardReason.LOST,
                                        "holder called"),
                                carol.id()))
                .isEmpty();
        later = Instant.now().plus(Duration.ofDays(1));

        exporter = new ReportExporter(dsl, LedgerReports.registry(), swap, Clock.fixed(GENERATED, ZoneOffset.UTC));
    }

    @AfterAll
    void close() {
        database.close();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private static CardProgramme programme(CardRepository cards, String name) {
        return cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(), name, new byte[44], 50_000_000L, 200_000_000L, null, 30, "fiona"));
    }

    private static Card active(CardRepository cards, CardProgramme programme) {
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        return card;
    }

    /** A tap's callback at {@code at}: the amount moves from the card's balance to its in-flight account. */
    private static long tap(
            CardRepository cards, CardWithdrawals withdrawals, Card card, int counter, long msat, String at) {
        String k1 = ((TapAcceptance.Accepted) cards.acceptTap(card.id(), counter)).k1();
        WithdrawalStart started = withdrawals.start(k1, msat, "lnbcrt-card-reports-" + counter, 10_000L, at(at));
        return ((WithdrawalStart.Started) started).tapId();
    }

    /** An entry left unposted, with one line crediting the card's balance (the ledger's triggers allow no other). */
    private void unposted(Card card, String sourceKey, long msat, String bookedAt) {
        dsl.execute(
                "INSERT INTO ledger_entry (source_key, description, booked_at) VALUES (?, 'never posted', ?)",
                sourceKey,
                UtcTimestamps.toDb(at(bookedAt)));
        dsl.execute(
                "INSERT INTO ledger_line (entry_id, account_id, side, amount_msat, line_no)"
                        + " SELECT e.id, a.id, 'CREDIT', ?, 1 FROM ledger_entry e, ledger_account a"
                        + " WHERE e.source_key = ? AND a.code = ?",
                msat,
                sourceKey,
                ChartOfAccounts.cardBalance(card.id()).code());
    }

    // --- card balances ---

    @Test
    void balances_at_a_date_list_each_card_with_its_balance_its_taps_being_paid_and_what_is_owed() throws IOException {
        ExportedReport csv = export(LedgerReports.CARD_BALANCES, ReportCriteria.asOf(FEB));
        List<CSVRecord> records = csv.csv();

        assertThat(records.get(0).get(1)).isEqualTo("Card balances");
        assertThat(records.get(2).get(1)).contains("Balances at 2025-02-01T00:00:00Z");
        assertThat(header(records, "Card id"))
                .containsExactly("Card id", "Programme", "State", "Balance BTC", "Pending BTC", "Total owed BTC");
        List<CSVRecord> rows = table(records, "Card id");
        assertThat(rows).extracting(r -> r.get(1)).containsExactly(CAMPUS, FESTIVAL, FESTIVAL);
        assertThat(rows)
                .extracting(CSVRecord::toList)
                .containsExactlyInAnyOrder(
                        List.of(alice.id(), CAMPUS, "ACTIVE", "0.00049999877", "0.00020000", "0.00069999877"),
                        List.of(bob.id(), FESTIVAL, "FROZEN", "0.00007000", "0.00000000", "0.00007000"),
                        List.of(dave.id(), FESTIVAL, "LOST", "0.00005000", "0.00000000", "0.00005000"));
        assertThat(rows)
                .as("carol's first top-up is booked exactly at the date; erin's only entry was never posted")
                .extracting(r -> r.get(0))
                .doesNotContain(carol.id(), erin.id());
        assertThat(csv.result().rows()).isEqualTo(3);
        assertThat(totalRows(records))
                .containsExactly(
                        List.of("BTC", CardBalancesQuery.BALANCES, "0.00061999877"),
                        List.of("BTC", CardBalancesQuery.PENDING, "0.00020000"),
                        List.of("BTC", CardBalancesQuery.OWED, "0.00081999877"));
    }

    @Test
    void a_balance_before_a_top_up_excludes_it_and_a_tap_being_paid_is_pending_until_its_payment_is_booked()
            throws IOException {
        Instant topUp = at("2025-01-10T09:00:00Z");
        assertThat(export(LedgerReports.CARD_BALANCES, ReportCriteria.asOf(topUp))
                        .result()
                        .empty())
                .isTrue();
        assertThat(balanceRow(topUp.plusNanos(1_000), alice))
                .containsExactly(alice.id(), CAMPUS, "ACTIVE", "0.00100000", "0.00000000", "0.00100000");

        Instant reserved = at("2025-01-20T12:00:00Z");
        Instant paid = at("2025-01-20T12:00:05Z");
        assertThat(balanceRow(reserved, alice))
                .containsExactly(alice.id(), CAMPUS, "ACTIVE", "0.00100000", "0.00000000", "0.00100000");
        assertThat(balanceRow(reserved.plusNanos(1_000), alice))
                .as("reserved, being paid")
                .containsExactly(alice.id(), CAMPUS, "ACTIVE", "0.00069999877", "0.00030000123", "0.00100000");
        assertThat(balanceRow(paid, alice))
                .as("the payment is booked at its instant, so not yet")
                .containsExactly(alice.id(), CAMPUS, "ACTIVE", "0.00069999877", "0.00030000123", "0.00100000");
        assertThat(balanceRow(paid.plusNanos(1_000), alice))
                .as("paid: out of Flash's node, owed no more")
                .containsExactly(alice.id(), CAMPUS, "ACTIVE", "0.00069999877", "0.00000000", "0.00069999877");

        assertThat(balanceRow(at(LAST_MICROSECOND), alice))
                .as("the tap reserved at the last microsecond is not yet in")
                .containsExactly(alice.id(), CAMPUS, "ACTIVE", "0.00069999877", "0.00000000", "0.00069999877");
        assertThat(balanceRow(FEB, alice))
                .containsExactly(alice.id(), CAMPUS, "ACTIVE", "0.00049999877", "0.00020000", "0.00069999877");
        assertThat(balanceRow(FEB.plusNanos(1_000), alice))
                .as("the top-up booked exactly at the date is in from the next microsecond")
                .containsExactly(alice.id(), CAMPUS, "ACTIVE", "0.00099999877", "0.00020000", "0.00119999877");
    }

    @Test
    void the_total_owed_equals_the_card_accounts_of_the_trial_balance_and_an_independent_sum() throws IOException {
        for (Instant date : List.of(at("2025-01-20T12:00:01Z"), FEB, MAR, later)) {
            ReportTotals cards = export(LedgerReports.CARD_BALANCES, ReportCriteria.asOf(date))
                    .result()
                    .totals();
            ExportedReport trial = export(LedgerReports.TRIAL_BALANCE, ReportCriteria.asOf(date));
            long balances = 0;
            long pending = 0;
            for (CSVRecord account : table(trial.csv(), "Account")) {
                long owed = msat(account.get(6)) - msat(account.get(5));
                if (account.get(0).startsWith("liabilities:card:")) {
                    balances += owed;
                } else if (account.get(0).startsWith("liabilities:card-pending:")) {
                    pending += owed;
                }
            }
            assertThat(trial.result().totals().msat(TrialBalanceQuery.DEBIT_BALANCES))
                    .isEqualTo(trial.result().totals().msat(TrialBalanceQuery.CREDIT_BALANCES));
            assertThat(cards.msat(CardBalancesQuery.BALANCES))
                    .as("balances at %s", date)
                    .isEqualTo(balances);
            assertThat(cards.msat(CardBalancesQuery.PENDING))
                    .as("pending at %s", date)
                    .isEqualTo(pending);
            assertThat(cards.msat(CardBalancesQuery.OWED))
                    .as("owed at %s", date)
                    .isEqualTo(balances + pending)
                    .isEqualTo(owedBySql(date));
        }

        ReportTotals now = export(LedgerReports.CARD_BALANCES, ReportCriteria.asOf(later))
                .result()
                .totals();
        assertThat(now.msat(CardBalancesQuery.BALANCES)).isEqualTo(114_999_877L);
        assertThat(now.msat(CardBalancesQuery.PENDING)).isEqualTo(20_000_000L);
        assertThat(now.msat(CardBalancesQuery.OWED)).isEqualTo(134_999_877L);
        assertThat(balanceRow(later, dave))
                .as("a lost card's balance moved to its replacement: its row stays, at zero")
                .containsExactly(dave.id(), FESTIVAL, "LOST", "0.00000000", "0.00000000", "0.00000000");
        assertThat(balanceRow(later, carol))
                .containsExactly(carol.id(), FESTIVAL, "ACTIVE", "0.00008000", "0.00000000", "0.00008000");
    }

    @Test
    void the_balances_pdf_shows_the_cards_and_the_totals() throws IOException {
        String pdf = export(LedgerReports.CARD_BALANCES, ReportCriteria.asOf(FEB), ReportFormat.PDF)
                .pdfText();

        assertThat(pdf)
                .contains(
                        "Card balances",
                        "Balances at 2025-02-01T00:00:00Z",
                        "Generated at 2025-03-02T10:15:30Z",
                        "Page 1 of 1",
                        alice.id(),
                        bob.id(),
                        dave.id(),
                        CAMPUS,
                        "FROZEN",
                        "LOST",
                        "0.00049999877",
                        "0.00069999877",
                        "BTC: Balances 0.00061999877 | Pending 0.00020000 | Total owed 0.00081999877")
                .doesNotContain(carol.id())
                .doesNotContain(erin.id());
    }

    // --- card transactions ---

    @Test
    void transactions_list_every_posted_line_of_the_card_balances_in_the_period_oldest_first() throws IOException {
        ExportedReport csv = export(LedgerReports.CARD_TRANSACTIONS, ReportCriteria.period(JAN, FEB));
        List<CSVRecord> records = csv.csv();

        assertThat(records.get(0).get(1)).isEqualTo("Card transactions");
        assertThat(header(records, "Booked at (UTC)"))
                .containsExactly(
                        "Booked at (UTC)",
                        "Card id",
                        "Programme",
                        "Kind",
                        "Source",
                        "Description",
                        "Debit BTC",
                        "Credit BTC");
        assertThat(table(records, "Booked at (UTC)"))
                .extracting(CSVRecord::toList)
                .containsExactly(
                        List.of(
                                "2025-01-10T09:00:00.000000Z",
                                alice.id(),
                                CAMPUS,
                                "Top-up",
                                "card-top-up-t1",
                                "Top-up over Lightning",
                                "",
                                "0.00100000"),
                        List.of(
                                "2025-01-15T00:00:00.000000Z",
                                dave.id(),
                                FESTIVAL,
                                "Top-up",
                                "card-top-up-t5",
                                "Top-up over Lightning",
                                "",
                                "0.00005000"),
                        List.of(
                                "2025-01-20T12:00:00.000000Z",
                                alice.id(),
                                CAMPUS,
                                "Tap",
                                "card-tap-" + paidTap + "-reserve",
                                "Flash card " + alice.id() + " tap " + paidTap + " reserved",
                                "0.00030000123",
                                ""),
                        List.of(
                                "2025-01-31T23:59:59.999999Z",
                                alice.id(),
                                CAMPUS,
                                "Tap",
                                "card-tap-" + payingTap + "-reserve",
                                "Flash card " + alice.id() + " tap " + payingTap + " reserved",
                                "0.00020000",
                                ""),
                        List.of(
                                "2025-01-31T23:59:59.999999Z",
                                bob.id(),
                                FESTIVAL,
                                "Top-up",
                                "card-top-up-t3",
                                "Top-up over Lightning",
                                "",
                                "0.00007000"));
        assertThat(totalRows(records))
                .containsExactly(
                        List.of("BTC", CardTransactionsQuery.DEBITS, "0.00050000123"),
                        List.of("BTC", CardTransactionsQuery.CREDITS, "0.00112000"));
        assertThat(csv.result().totals().msat(CardTransactionsQuery.CREDITS)
                        - csv.result().totals().msat(CardTransactionsQuery.DEBITS))
                .as("the change of every card's balance over the period")
                .isEqualTo(balancesBySql(FEB) - balancesBySql(JAN))
                .isEqualTo(61_999_877L);
    }

    @Test
    void transactions_start_at_from_inclusive_end_at_to_exclusive_and_name_unpaid_taps_and_replacements()
            throws IOException {
        ExportedReport february = export(LedgerReports.CARD_TRANSACTIONS, ReportCriteria.period(FEB, MAR));
        assertThat(table(february.csv(), "Booked at (UTC)"))
                .extracting(r -> List.of(r.get(0), r.get(1), r.get(3), r.get(4), r.get(6), r.get(7)))
                .containsExactly(
                        List.of(
                                "2025-02-01T00:00:00.000000Z",
                                alice.id(),
                                "Top-up",
                                "card-top-up-t2",
                                "",
                                "0.00050000"),
                        List.of(
                                "2025-02-01T00:00:00.000000Z",
                                carol.id(),
                                "Top-up",
                                "card-top-up-t4",
                                "",
                                "0.00003000"),
                        List.of(
                                "2025-02-10T08:00:00.000000Z",
                                alice.id(),
                                "Tap",
                                "card-tap-" + failedTap + "-reserve",
                                "0.00010000",
                                ""),
                        List.of(
                                "2025-02-10T08:00:30.000000Z",
                                alice.id(),
                                "Tap not paid",
                                "card-tap-" + failedTap + "-released",
                                "",
                                "0.00010000"));
        assertThat(february.result().totals().msat(CardTransactionsQuery.DEBITS))
                .isEqualTo(10_000_000L);
        assertThat(february.result().totals().msat(CardTransactionsQuery.CREDITS))
                .isEqualTo(63_000_000L);

        ExportedReport replaced = export(LedgerReports.CARD_TRANSACTIONS, ReportCriteria.period(MAR, later));
        String key = "card-" + dave.id() + "-replaced";
        assertThat(table(replaced.csv(), "Booked at (UTC)"))
                .extracting(r -> List.of(r.get(1), r.get(2), r.get(3), r.get(4), r.get(6), r.get(7)))
                .containsExactly(
                        List.of(dave.id(), FESTIVAL, "Replacement", key, "0.00005000", ""),
                        List.of(carol.id(), FESTIVAL, "Replacement", key, "", "0.00005000"));
        assertThat(table(replaced.csv(), "Booked at (UTC)"))
                .extracting(r -> r.get(5))
                .containsOnly("Flash card " + dave.id() + " lost: its balance moves to card " + carol.id());
        assertThat(totalRows(replaced.csv()))
                .containsExactly(
                        List.of("BTC", CardTransactionsQuery.DEBITS, "0.00005000"),
                        List.of("BTC", CardTransactionsQuery.CREDITS, "0.00005000"));

        ExportedReport lastMicrosecond = export(
                LedgerReports.CARD_TRANSACTIONS, ReportCriteria.period(at(LAST_MICROSECOND), FEB.plusNanos(1_000)));
        assertThat(table(lastMicrosecond.csv(), "Booked at (UTC)"))
                .extracting(r -> r.get(4))
                .containsExactly(
                        "card-tap-" + payingTap + "-reserve", "card-top-up-t3", "card-top-up-t2", "card-top-up-t4");
        assertThat(export(LedgerReports.CARD_TRANSACTIONS, ReportCriteria.period(JAN, MAR))
                        .csv())
                .as("no tap's payment (the in-flight account), no unposted entry")
                .extracting(r -> r.get(4))
                .noneSatisfy(source -> assertThat(source).containsAnyOf("-paid", "unposted"));
    }

    @Test
    void the_transactions_pdf_shows_the_lines_their_kind_and_the_totals_and_a_merchant_is_refused() throws IOException {
        String pdf = export(LedgerReports.CARD_TRANSACTIONS, ReportCriteria.period(FEB, MAR), ReportFormat.PDF)
                .pdfText();

        assertThat(pdf)
                .contains(
                        "Card transactions",
                        "From 2025-02-01T00:00:00Z (inclusive)",
                        "Page 1 of 1",
                        "card-top-up-t2",
                        "Tap not paid",
                        "card-tap-" + failedTap + "-released",
                        "0.00050000",
                        "BTC: Debits (out) 0.00010000 | Credits (in) 0.00063000")
                .doesNotContain("card-top-up-t1");
        for (String report : List.of(LedgerReports.CARD_BALANCES, LedgerReports.CARD_TRANSACTIONS)) {
            assertThatThrownBy(
                            () -> export(report, ReportCriteria.period(FEB, MAR).forMerchant("m1")))
                    .as(report)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("does not filter by merchant");
        }
    }

    // --- helpers ---

    private List<String> balanceRow(Instant date, Card card) throws IOException {
        return table(
                        export(LedgerReports.CARD_BALANCES, ReportCriteria.asOf(date))
                                .csv(),
                        "Card id")
                .stream()
                .filter(r -> r.get(0).equals(card.id()))
                .map(CSVRecord::toList)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row for card " + card.id() + " at " + date));
    }

    /** Credits less debits of every card balance and in-flight account, posted and booked before {@code date}. */
    private long owedBySql(Instant date) {
        return sumBySql(date, "(a.code LIKE 'liabilities:card:%' OR a.code LIKE 'liabilities:card-pending:%')");
    }

    private long balancesBySql(Instant date) {
        return sumBySql(date, "a.code LIKE 'liabilities:card:%'");
    }

    private long sumBySql(Instant date, String accounts) {
        BigDecimal sum = dsl.resultQuery(
                        "SELECT SUM(CASE WHEN l.side = 'CREDIT' THEN l.amount_msat ELSE -l.amount_msat END)"
                                + " FROM ledger_line l JOIN ledger_entry e ON e.id = l.entry_id"
                                + " JOIN ledger_account a ON a.id = l.account_id"
                                + " WHERE e.posted AND " + accounts + " AND e.booked_at < ?",
                        UtcTimestamps.toDb(date))
                .fetchOne()
                .get(0, BigDecimal.class);
        return sum == null ? 0L : sum.longValueExact();
    }

    private static long msat(String btc) {
        return new BigDecimal(btc).movePointRight(11).longValueExact();
    }

    private ExportedReport export(String report, ReportCriteria criteria) {
        return export(report, criteria, ReportFormat.CSV);
    }

    private ExportedReport export(String report, ReportCriteria criteria, ReportFormat format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ExportResult result = exporter.export(report, criteria, format, out);
        return new ExportedReport(result, out.toByteArray());
    }
}
