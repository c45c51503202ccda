package com.flash.backoffice.workflows.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.Side;
import com.flash.backoffice.db.money.Msat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SettlementEntriesTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:05:00Z");

    @Test
    void a_settlement_debits_each_method_and_credits_the_merchant_less_the_fee() {
        JournalEntry entry = SettlementEntries.journalEntry(
                new SettlementPosting("invoice-a-settlement", "a", "m1", 60_000L, 40_099L, 100, false, AT));

        assertThat(entry.sourceKey()).isEqualTo("invoice-a-settlement");
        assertThat(entry.bookedAt()).isEqualTo(AT);
        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.debit(ChartOfAccounts.ONCHAIN_ASSETS.code(), Msat.ofMsat(60_000)),
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(40_099)),
                        JournalLine.credit(ChartOfAccounts.merchantBalance("m1").code(), Msat.ofMsat(99_099)),
                        JournalLine.credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(1_000)));
    }

    @Test
    void zero_lines_are_left_out() {
        JournalEntry entry = SettlementEntries.journalEntry(
                new SettlementPosting("invoice-a-settlement", "a", "m1", 0, 50L, 100, false, AT));

        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(50)),
                        JournalLine.credit(ChartOfAccounts.merchantBalance("m1").code(), Msat.ofMsat(50)));
    }

    @Test
    void a_reversal_swaps_every_side() {
        JournalEntry entry = SettlementEntries.journalEntry(
                new SettlementPosting("invoice-a-settlement-reversal-2", "a", "m1", 10_000L, 0, 100, true, AT));

        assertThat(entry.lines())
                .extracting(JournalLine::accountCode, JournalLine::side)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(ChartOfAccounts.ONCHAIN_ASSETS.code(), Side.CREDIT),
                        org.assertj.core.groups.Tuple.tuple(
                                ChartOfAccounts.merchantBalance("m1").code(), Side.DEBIT),
                        org.assertj.core.groups.Tuple.tuple(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Side.DEBIT));
    }
}
