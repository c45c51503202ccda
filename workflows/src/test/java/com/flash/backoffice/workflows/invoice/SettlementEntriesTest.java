package com.flash.backoffice.workflows.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.ledger.Side;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.suspense.NewSuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseKind;
import com.flash.backoffice.workflows.invoice.SettlementEntries.SuspenseRelease;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettlementEntriesTest {

    private static final Instant AT = Instant.parse("2025-03-01T10:05:00Z");
    private static final String LIABILITY =
            ChartOfAccounts.merchantBalance("m1").code();
    private static final String RECEIVABLE =
            ChartOfAccounts.feesReceivable("m1").code();
    private static final String ONCHAIN = ChartOfAccounts.ONCHAIN_ASSETS.code();
    private static final String LIGHTNING = ChartOfAccounts.LIGHTNING_ASSETS.code();
    private static final String FEES = ChartOfAccounts.PROCESSING_FEE_REVENUE.code();
    private static final String SUSPENSE = ChartOfAccounts.UNALLOCATED_RECEIPTS.code();

    @Test
    void lightning_is_flashs_asset_owed_to_the_merchant_less_the_fee() {
        JournalEntry entry = SettlementEntries.journalEntry(
                posting(OnchainCustody.MERCHANT_WALLET, SettlementBooking.NONE, settled(0, 100_099)));

        assertThat(entry.sourceKey()).isEqualTo("invoice-a-settlement");
        assertThat(entry.bookedAt()).isEqualTo(AT);
        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.debit(LIGHTNING, Msat.ofMsat(100_099)),
                        JournalLine.credit(LIABILITY, Msat.ofMsat(99_099)),
                        JournalLine.credit(FEES, Msat.ofMsat(1_000)));
        assertBalanced(entry);
    }

    @Test
    void on_chain_to_flashs_wallet_is_flashs_asset_owed_to_the_merchant_less_the_fee() {
        JournalEntry entry = SettlementEntries.journalEntry(
                posting(OnchainCustody.FLASH_WALLET, SettlementBooking.NONE, settled(250_000, 0)));

        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.debit(ONCHAIN, Msat.ofMsat(250_000)),
                        JournalLine.credit(LIABILITY, Msat.ofMsat(247_500)),
                        JournalLine.credit(FEES, Msat.ofMsat(2_500)));
    }

    @Test
    void on_chain_to_the_merchants_wallet_books_only_the_fee_it_owes() {
        JournalEntry entry = SettlementEntries.journalEntry(
                posting(OnchainCustody.MERCHANT_WALLET, SettlementBooking.NONE, settled(250_000, 0)));

        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.debit(RECEIVABLE, Msat.ofMsat(2_500)),
                        JournalLine.credit(FEES, Msat.ofMsat(2_500)));
    }

    @Test
    void a_mixed_invoice_takes_the_fee_per_rail_rounded_down_and_still_balances() {
        // 1 % of 60,050 is 600.5 and of 40,099 is 400.99: 600 + 400, where the total would give 1,001
        JournalEntry entry = SettlementEntries.journalEntry(
                posting(OnchainCustody.MERCHANT_WALLET, SettlementBooking.NONE, settled(60_050, 40_099)));

        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.debit(LIGHTNING, Msat.ofMsat(40_099)),
                        JournalLine.debit(RECEIVABLE, Msat.ofMsat(600)),
                        JournalLine.credit(LIABILITY, Msat.ofMsat(39_699)),
                        JournalLine.credit(FEES, Msat.ofMsat(1_000)));
        assertBalanced(entry);
    }

    @Test
    void the_overpaid_part_on_a_custodial_rail_goes_to_suspense_with_a_receipt_named_by_the_entry() {
        SettlementPosting posting = posting(
                OnchainCustody.FLASH_WALLET,
                SettlementBooking.NONE,
                SettlementBooking.NONE.settle(100_000, 0, 5_000, 0));

        assertThat(SettlementEntries.journalEntry(posting).lines())
                .containsExactly(
                        JournalLine.debit(ONCHAIN, Msat.ofMsat(105_000)),
                        JournalLine.credit(LIABILITY, Msat.ofMsat(99_000)),
                        JournalLine.credit(SUSPENSE, Msat.ofMsat(5_000)),
                        JournalLine.credit(FEES, Msat.ofMsat(1_000)));
        assertThat(SettlementEntries.receipts(posting)).singleElement().satisfies(receipt -> {
            assertThat(receipt.receiptKey()).isEqualTo("invoice-a-overpaid");
            assertThat(receipt.kind()).isEqualTo(SuspenseKind.OVERPAID);
            assertThat(receipt.custodial()).isTrue();
            assertThat(receipt.ledgerSourceKey()).isEqualTo("invoice-a-settlement");
            assertThat(receipt.amountMsat()).isEqualTo(5_000);
            assertThat(receipt.paymentMethod()).isEqualTo(PaymentMethod.BTC_CHAIN);
        });
    }

    @Test
    void a_payment_to_a_settled_invoice_on_a_custodial_rail_goes_to_suspense_with_its_own_receipt() {
        SettlementBooking settled = SettlementBooking.NONE.settle(100_000, 0, 5_000, 0);
        SettlementPosting posting = posting(OnchainCustody.FLASH_WALLET, settled, settled.overpaid(5_000 + 30_000, 0));

        JournalEntry entry = SettlementEntries.journalEntry(posting);

        assertThat(entry.sourceKey()).isEqualTo("invoice-a-suspense-2");
        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.debit(ONCHAIN, Msat.ofMsat(30_000)),
                        JournalLine.credit(SUSPENSE, Msat.ofMsat(30_000)));
        assertThat(SettlementEntries.receipts(posting)).singleElement().satisfies(receipt -> {
            assertThat(receipt.receiptKey()).isEqualTo("invoice-a-overpaid-2");
            assertThat(receipt.kind()).isEqualTo(SuspenseKind.OVERPAID);
            assertThat(receipt.custodial()).isTrue();
            assertThat(receipt.ledgerSourceKey()).isEqualTo("invoice-a-suspense-2");
            assertThat(receipt.amountMsat()).isEqualTo(30_000);
        });
        assertThat(SettlementEntries.releases(posting)).isEmpty();
    }

    @Test
    void a_payment_to_an_exactly_settled_invoice_gets_a_numbered_receipt_too() {
        SettlementBooking settled = SettlementBooking.NONE.settle(0, 100_000, 0, 0);
        SettlementPosting posting = posting(OnchainCustody.MERCHANT_WALLET, settled, settled.overpaid(0, 7_000));

        assertThat(SettlementEntries.journalEntry(posting).lines())
                .containsExactly(
                        JournalLine.debit(LIGHTNING, Msat.ofMsat(7_000)),
                        JournalLine.credit(SUSPENSE, Msat.ofMsat(7_000)));
        assertThat(SettlementEntries.receipts(posting))
                .extracting(NewSuspenseReceipt::receiptKey, NewSuspenseReceipt::amountMsat)
                .containsExactly(tuple("invoice-a-overpaid-2", 7_000L));
    }

    @Test
    void a_payment_to_a_settled_invoice_in_the_merchants_wallet_is_a_note_and_no_entry() {
        SettlementBooking settled = SettlementBooking.NONE.settle(100_000, 0, 0, 0);
        SettlementPosting posting = posting(OnchainCustody.MERCHANT_WALLET, settled, settled.overpaid(30_000, 0));

        assertThat(SettlementEntries.journalEntry(posting).lines()).isEmpty();
        assertThat(SettlementEntries.receipts(posting))
                .singleElement()
                .extracting(
                        NewSuspenseReceipt::receiptKey,
                        NewSuspenseReceipt::custodial,
                        NewSuspenseReceipt::ledgerSourceKey,
                        NewSuspenseReceipt::amountMsat)
                .containsExactly("invoice-a-overpaid-2", false, null, 30_000L);
    }

    @Test
    void the_overpaid_part_in_the_merchants_wallet_is_a_note_and_no_entry() {
        SettlementPosting posting = posting(
                OnchainCustody.MERCHANT_WALLET,
                SettlementBooking.NONE,
                SettlementBooking.NONE.settle(100_000, 0, 5_000, 0));

        assertThat(SettlementEntries.journalEntry(posting).lines())
                .containsExactly(
                        JournalLine.debit(RECEIVABLE, Msat.ofMsat(1_000)),
                        JournalLine.credit(FEES, Msat.ofMsat(1_000)));
        assertThat(SettlementEntries.receipts(posting))
                .singleElement()
                .extracting(NewSuspenseReceipt::custodial, NewSuspenseReceipt::ledgerSourceKey)
                .containsExactly(false, null);
    }

    @Test
    void a_payment_to_an_expired_invoice_goes_whole_to_suspense_and_marking_it_settled_moves_it_to_the_merchant() {
        SettlementBooking late = SettlementBooking.NONE.paidToExpired(0, 80_000);
        SettlementPosting toSuspense = posting(OnchainCustody.MERCHANT_WALLET, SettlementBooking.NONE, late);
        SettlementBooking marked = late.settle(0, 80_000, 0, 0);
        SettlementPosting toMerchant = posting(OnchainCustody.MERCHANT_WALLET, late, marked);

        assertThat(toSuspense.sourceKey()).isEqualTo("invoice-a-suspense");
        assertThat(SettlementEntries.journalEntry(toSuspense).lines())
                .containsExactly(
                        JournalLine.debit(LIGHTNING, Msat.ofMsat(80_000)),
                        JournalLine.credit(SUSPENSE, Msat.ofMsat(80_000)));
        assertThat(SettlementEntries.receipts(toSuspense))
                .singleElement()
                .extracting(NewSuspenseReceipt::receiptKey, NewSuspenseReceipt::kind)
                .containsExactly("invoice-a-paid-to-expired", SuspenseKind.PAID_TO_EXPIRED);
        assertThat(toMerchant.sourceKey()).isEqualTo("invoice-a-settlement-2");
        assertThat(SettlementEntries.journalEntry(toMerchant).lines())
                .containsExactly(
                        JournalLine.credit(LIABILITY, Msat.ofMsat(79_200)),
                        JournalLine.debit(SUSPENSE, Msat.ofMsat(80_000)),
                        JournalLine.credit(FEES, Msat.ofMsat(800)));
        assertThat(SettlementEntries.releases(toMerchant))
                .containsExactly(new SuspenseRelease(SuspenseKind.PAID_TO_EXPIRED, PaymentMethod.BTC_LN, true, 80_000));
        assertThat(SettlementEntries.receipts(toMerchant)).isEmpty();
    }

    @Test
    void what_staff_already_allocated_from_suspense_is_not_moved_to_the_merchant_again() {
        SettlementBooking late = SettlementBooking.NONE.paidToExpired(0, 80_000);
        SettlementPosting toMerchant = posting(OnchainCustody.MERCHANT_WALLET, late, late.settle(0, 80_000, 0, 0));

        JournalEntry entry = SettlementEntries.journalEntry(toMerchant, 30_000);

        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.credit(LIABILITY, Msat.ofMsat(49_200)),
                        JournalLine.debit(SUSPENSE, Msat.ofMsat(50_000)),
                        JournalLine.credit(FEES, Msat.ofMsat(800)));
        assertBalanced(entry);
    }

    @Test
    void reversing_everything_booked_swaps_every_line_back_to_zero() {
        SettlementBooking booked = SettlementBooking.NONE.settle(100_000, 10_000, 5_000, 0);
        SettlementPosting reversal = posting(OnchainCustody.FLASH_WALLET, booked, booked.reversed());

        assertThat(reversal.sourceKey()).isEqualTo("invoice-a-settlement-reversal-2");
        assertThat(SettlementEntries.journalEntry(reversal).lines())
                .extracting(
                        JournalLine::accountCode,
                        JournalLine::side,
                        line -> line.amount().msat())
                .containsExactly(
                        tuple(ONCHAIN, Side.CREDIT, 105_000L),
                        tuple(LIGHTNING, Side.CREDIT, 10_000L),
                        tuple(LIABILITY, Side.DEBIT, 108_900L),
                        tuple(SUSPENSE, Side.DEBIT, 5_000L),
                        tuple(FEES, Side.DEBIT, 1_100L));
    }

    @Test
    void a_booking_from_before_custody_keeps_the_old_entries() {
        SettlementBooking legacy = SettlementBooking.LEGACY.settle(60_000, 40_099, 0, 0);
        JournalEntry entry = SettlementEntries.journalEntry(
                posting(OnchainCustody.MERCHANT_WALLET, SettlementBooking.LEGACY, legacy));

        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.debit(ONCHAIN, Msat.ofMsat(60_000)),
                        JournalLine.debit(LIGHTNING, Msat.ofMsat(40_099)),
                        JournalLine.credit(LIABILITY, Msat.ofMsat(99_099)),
                        JournalLine.credit(FEES, Msat.ofMsat(1_000)));
    }

    @Test
    void every_position_balances() {
        for (OnchainCustody custody : OnchainCustody.values()) {
            Map<NewLedgerAccount, Long> position = SettlementEntries.position(
                    SettlementBooking.NONE.settle(123_457, 98_765, 4_321, 1_234), "m1", 137, custody);
            assertThat(position.values().stream().mapToLong(Long::longValue).sum())
                    .as(custody.name())
                    .isZero();
        }
    }

    private static SettlementBooking settled(long onchain, long lightning) {
        return SettlementBooking.NONE.settle(onchain, lightning, 0, 0);
    }

    private static SettlementPosting posting(
            OnchainCustody custody, SettlementBooking before, SettlementBooking after) {
        String key = SettlementPosting.sourceKey("a", after.postings(), SettlementPosting.purpose(before, after));
        return new SettlementPosting(key, "a", "m1", 100, custody, before, after, AT);
    }

    static void assertBalanced(JournalEntry entry) {
        long debits = entry.lines().stream()
                .filter(line -> line.side() == Side.DEBIT)
                .mapToLong(line -> line.amount().msat())
                .sum();
        long credits = entry.lines().stream()
                .filter(line -> line.side() == Side.CREDIT)
                .mapToLong(line -> line.amount().msat())
                .sum();
        assertThat(debits).isEqualTo(credits);
    }
}
