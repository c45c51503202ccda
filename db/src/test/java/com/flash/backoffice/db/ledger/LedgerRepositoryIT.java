package com.flash.backoffice.db.ledger;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static com.flash.backoffice.db.jooq.Tables.LEDGER_LINE;
import static com.flash.backoffice.db.ledger.JournalLine.credit;
import static com.flash.backoffice.db.ledger.JournalLine.debit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerRepositoryIT {

    private TestDatabase database;
    private DSLContext dsl;
    private LedgerRepository ledger;

    @BeforeEach
    void migrate() {
        database = TestDatabase.migrated("ledger_repository_it");
        dsl = database.dsl();
        ledger = new LedgerRepository(dsl);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void a_balanced_entry_is_posted_with_its_lines_and_fiat_values() {
        PostingResult result = ledger.post(new JournalEntry(
                "invoice:1:settled",
                "Invoice 1 settled",
                Instant.parse("2025-01-02T03:04:05.123456Z"),
                List.of(
                        debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofSats(10_000))
                                .withFiat(new BigDecimal("9.50"), "USD"),
                        credit(ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), Msat.ofSats(9_900)),
                        credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofSats(100)))));

        assertThat(result).isEqualTo(PostingResult.POSTED);
        assertThat(dsl.fetchCount(LEDGER_LINE)).isEqualTo(3);
        assertThat(dsl.fetchValue(LEDGER_ENTRY.POSTED)).isTrue();
        assertThat(dsl.fetchValue(LEDGER_ENTRY.BOOKED_AT).toString()).isEqualTo("2025-01-02T03:04:05.123456");
        assertThat(dsl.select(LEDGER_LINE.FIAT_AMOUNT, LEDGER_LINE.FIAT_CURRENCY)
                        .from(LEDGER_LINE)
                        .where(LEDGER_LINE.LINE_NO.eq(1))
                        .fetchOne()
                        .into(Object[].class))
                .containsExactly(new BigDecimal("9.50000000"), "USD");
    }

    @Test
    void posting_the_same_source_key_twice_writes_one_entry() {
        JournalEntry entry = ownerDeposit("deposit:1", 5_000);

        assertThat(ledger.post(entry)).isEqualTo(PostingResult.POSTED);
        assertThat(ledger.post(entry)).isEqualTo(PostingResult.ALREADY_POSTED);

        assertThat(dsl.fetchCount(LEDGER_ENTRY)).isEqualTo(1);
        assertThat(dsl.fetchCount(LEDGER_LINE)).isEqualTo(2);
        assertThat(ledger.accountBalance(ChartOfAccounts.ONCHAIN_ASSETS.code())
                        .orElseThrow()
                        .balanceMsat())
                .isEqualTo(Msat.ofSats(5_000));
    }

    @Test
    void unbalanced_entry_is_refused_by_the_database_and_nothing_is_written() {
        JournalEntry unbalanced = new JournalEntry(
                "deposit:unbalanced",
                "wrong",
                Instant.now(),
                List.of(
                        debit(ChartOfAccounts.ONCHAIN_ASSETS.code(), Msat.ofMsat(1_000)),
                        credit(ChartOfAccounts.OWNER_EQUITY.code(), Msat.ofMsat(999))));

        assertThatThrownBy(() -> ledger.post(unbalanced))
                .isInstanceOf(UnbalancedEntryException.class)
                .hasMessageContaining("deposit:unbalanced")
                .hasMessageContaining("is unbalanced: debits 1000 msat, credits 999 msat");

        assertThat(dsl.fetchCount(LEDGER_ENTRY)).isZero();
        assertThat(dsl.fetchCount(LEDGER_LINE)).isZero();
        assertThat(ledger.post(ownerDeposit("deposit:unbalanced", 1))).isEqualTo(PostingResult.POSTED);
    }

    @Test
    void an_entry_with_one_line_is_refused() {
        JournalEntry oneLine = new JournalEntry(
                "deposit:one-line",
                "x",
                Instant.now(),
                List.of(debit(ChartOfAccounts.ONCHAIN_ASSETS.code(), Msat.ofMsat(1))));

        assertThatThrownBy(() -> ledger.post(oneLine))
                .isInstanceOf(UnbalancedEntryException.class)
                .hasMessageContaining("needs at least 2 lines");
        assertThat(dsl.fetchCount(LEDGER_ENTRY)).isZero();
    }

    @Test
    void an_unknown_account_is_refused_and_nothing_is_written() {
        JournalEntry entry = new JournalEntry(
                "deposit:unknown-account",
                "x",
                Instant.now(),
                List.of(
                        debit("assets:nowhere", Msat.ofMsat(1)),
                        credit(ChartOfAccounts.OWNER_EQUITY.code(), Msat.ofMsat(1))));

        assertThatThrownBy(() -> ledger.post(entry))
                .isInstanceOf(UnknownAccountException.class)
                .hasMessageContaining("assets:nowhere");
        assertThat(dsl.fetchCount(LEDGER_ENTRY)).isZero();
    }

    @Test
    void balances_by_account_type_count_posted_entries_on_their_normal_side() {
        ledger.post(ownerDeposit("deposit:1", 10_000));
        ledger.post(new JournalEntry(
                "fee:1",
                "routing fee",
                Instant.now(),
                List.of(
                        debit(ChartOfAccounts.NETWORK_FEES.code(), Msat.ofMsat(1_500)),
                        credit(ChartOfAccounts.ONCHAIN_ASSETS.code(), Msat.ofMsat(1_500)))));
        dsl.execute("INSERT INTO ledger_entry (source_key, description, booked_at) VALUES ('draft', 'x', NOW(6))");
        dsl.execute("INSERT INTO ledger_line (entry_id, account_id, side, amount_msat, line_no) "
                + "SELECT e.id, a.id, 'DEBIT', 777, 1 FROM ledger_entry e, ledger_account a "
                + "WHERE e.source_key = 'draft' AND a.code = 'assets:bitcoin:onchain'");

        assertThat(ledger.balancesByAccountType())
                .containsExactly(
                        new AccountTypeBalance(
                                AccountType.ASSET,
                                Msat.ofSats(10_000),
                                Msat.ofMsat(1_500),
                                Msat.ofMsat(10_000_000 - 1_500)),
                        new AccountTypeBalance(AccountType.LIABILITY, Msat.ZERO, Msat.ZERO, Msat.ZERO),
                        new AccountTypeBalance(AccountType.EQUITY, Msat.ZERO, Msat.ofSats(10_000), Msat.ofSats(10_000)),
                        new AccountTypeBalance(AccountType.REVENUE, Msat.ZERO, Msat.ZERO, Msat.ZERO),
                        new AccountTypeBalance(AccountType.EXPENSE, Msat.ofMsat(1_500), Msat.ZERO, Msat.ofMsat(1_500)));
    }

    @Test
    void an_account_without_lines_has_zero_balance_and_an_unknown_code_has_none() {
        assertThat(ledger.accountBalance(ChartOfAccounts.OWNER_EQUITY.code()))
                .contains(new AccountBalance(
                        ChartOfAccounts.OWNER_EQUITY.code(), AccountType.EQUITY, Msat.ZERO, Msat.ZERO, Msat.ZERO));
        assertThat(ledger.accountBalance("nope")).isEmpty();
    }

    @Test
    void creating_an_account_is_idempotent_by_code() {
        NewLedgerAccount account = new NewLedgerAccount(
                ChartOfAccounts.merchantBalance("abc").code(), "Merchant abc", AccountType.LIABILITY, null);

        LedgerAccount first = ledger.createAccount(account);
        LedgerAccount second = ledger.createAccount(account);

        assertThat(second).isEqualTo(first);
        assertThat(ledger.findAccounts())
                .filteredOn(a ->
                        a.code().equals(ChartOfAccounts.merchantBalance("abc").code()))
                .hasSize(1);
        assertThatThrownBy(() -> ledger.createAccount(new NewLedgerAccount(
                        ChartOfAccounts.merchantBalance("abc").code(), "x", AccountType.ASSET, null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void ensuring_an_account_twice_creates_it_once() {
        NewLedgerAccount account = ChartOfAccounts.cardPending("card-1");

        ledger.ensureAccount(account);
        ledger.ensureAccount(account);

        assertThat(ledger.findAccounts())
                .filteredOn(a -> a.code().equals(account.code()))
                .hasSize(1);
        assertThat(ledger.findAccount(account.code()).orElseThrow().type()).isEqualTo(account.type());
    }

    @Test
    void the_posted_sums_read_inside_another_statement_give_the_accounts_balance() {
        ledger.post(ownerDeposit("deposit-1", 5));
        ledger.post(ownerDeposit("deposit-2", 7));
        String equity = ChartOfAccounts.OWNER_EQUITY.code();

        var sums = dsl.select(LedgerRepository.postedDebits(equity), LedgerRepository.postedCredits(equity))
                .fetchSingle();
        var none = dsl.select(
                        LedgerRepository.postedDebits("equity:nothing"),
                        LedgerRepository.postedCredits("equity:nothing"))
                .fetchSingle();

        assertThat(LedgerRepository.balanceMsat(AccountType.EQUITY, sums.value1(), sums.value2()))
                .isEqualTo(ledger.accountBalance(equity)
                        .orElseThrow()
                        .balanceMsat()
                        .msat())
                .isEqualTo(12_000);
        assertThat(LedgerRepository.balanceMsat(AccountType.EQUITY, none.value1(), none.value2()))
                .isZero();
    }

    private static JournalEntry ownerDeposit(String sourceKey, long sats) {
        return new JournalEntry(
                sourceKey,
                "owner deposit",
                Instant.now(),
                List.of(
                        debit(ChartOfAccounts.ONCHAIN_ASSETS.code(), Msat.ofSats(sats)),
                        credit(ChartOfAccounts.OWNER_EQUITY.code(), Msat.ofSats(sats))));
    }
}
