package com.flash.backoffice.workflows.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A Flash card paying an invoice of this system: the invoice settles, and its one settlement entry moves the value
 * from the card's reservation to the merchant (less the fee), with no line on Flash's Lightning asset.
 */
class InternalPaymentTest {

    private static final Instant CREATED = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant PAID_AT = CREATED.plusSeconds(30);
    private static final NewLedgerAccount CARD = ChartOfAccounts.cardPending("card1");
    private static final String MERCHANT = ChartOfAccounts.merchantBalance("m1").code();
    private static final String FEES = ChartOfAccounts.PROCESSING_FEE_REVENUE.code();
    private static final String LIGHTNING = ChartOfAccounts.LIGHTNING_ASSETS.code();
    private static final String ONCHAIN = ChartOfAccounts.ONCHAIN_ASSETS.code();
    private static final String SUSPENSE = ChartOfAccounts.UNALLOCATED_RECEIPTS.code();

    @Test
    void a_card_paying_the_invoice_settles_it_in_one_entry_from_the_card_to_the_merchant() {
        InvoiceState open = open(100_099, OnchainCustody.MERCHANT_WALLET);

        InvoiceState paid = InvoiceRules.paymentSeen(open, internal(100_099), PAID_AT);
        JournalEntry entry = entry(open, paid);

        assertThat(paid.status()).isEqualTo(InvoiceStatus.SETTLED);
        assertThat(paid.payments().getFirst().destination()).isEqualTo("Flash card card1");
        assertThat(entry.sourceKey()).isEqualTo("invoice-inv1-settlement");
        assertThat(entry.lines())
                .containsExactly(
                        JournalLine.credit(MERCHANT, Msat.ofMsat(99_099)),
                        JournalLine.credit(FEES, Msat.ofMsat(1_000)),
                        JournalLine.debit(CARD.code(), Msat.ofMsat(100_099)));
    }

    @Test
    void the_same_internal_payment_signalled_twice_counts_once() {
        InvoiceState open = open(100_000, OnchainCustody.MERCHANT_WALLET);

        InvoiceState once = InvoiceRules.paymentSeen(open, internal(100_000), PAID_AT);
        InvoiceState twice = InvoiceRules.paymentSeen(once, internal(100_000), PAID_AT.plusSeconds(1));

        assertThat(twice.payments()).hasSize(1);
        assertThat(twice.booking()).isEqualTo(once.booking());
    }

    @Test
    void with_an_on_chain_part_in_flashs_wallet_each_rail_debits_its_own_source() {
        InvoiceState open = open(300_000, OnchainCustody.FLASH_WALLET);
        InvoiceState partial =
                InvoiceRules.paymentSeen(open, PaymentObserved.onChain("tx:0", "bcrt1qa", 100_000, 6, false), PAID_AT);

        InvoiceState paid = InvoiceRules.paymentSeen(partial, internal(200_000), PAID_AT.plusSeconds(5));
        JournalEntry entry = entry(partial, paid);

        assertThat(paid.status()).isEqualTo(InvoiceStatus.SETTLED);
        assertThat(entry.lines())
                .contains(
                        JournalLine.debit(ONCHAIN, Msat.ofMsat(100_000)),
                        JournalLine.debit(CARD.code(), Msat.ofMsat(200_000)))
                .extracting(JournalLine::accountCode)
                .doesNotContain(LIGHTNING);
        SettlementEntriesTest.assertBalanced(entry);
    }

    @Test
    void an_internal_payment_beyond_the_amount_holds_the_extra_in_suspense_still_out_of_the_card() {
        InvoiceState open = open(100_000, OnchainCustody.MERCHANT_WALLET);

        InvoiceState paid = InvoiceRules.paymentSeen(open, internal(120_000), PAID_AT);
        JournalEntry entry = entry(open, paid);

        assertThat(entry.lines())
                .contains(
                        JournalLine.debit(CARD.code(), Msat.ofMsat(120_000)),
                        JournalLine.credit(SUSPENSE, Msat.ofMsat(20_000)))
                .extracting(JournalLine::accountCode)
                .doesNotContain(LIGHTNING);
        SettlementEntriesTest.assertBalanced(entry);
    }

    @Test
    void a_lightning_payment_over_the_node_still_debits_flashs_lightning_asset() {
        InvoiceState open = open(100_000, OnchainCustody.MERCHANT_WALLET);

        InvoiceState paid = InvoiceRules.paymentSeen(open, PaymentObserved.lightning("h1", 100_000), PAID_AT);

        assertThat(paid.booking().fundedBy()).isNull();
        assertThat(entry(open, paid).lines()).contains(JournalLine.debit(LIGHTNING, Msat.ofMsat(100_000)));
    }

    private static PaymentObserved internal(long msat) {
        return PaymentObserved.internal("card-tap-7", "Flash card card1", msat, CARD);
    }

    private static InvoiceState open(long amountMsat, OnchainCustody custody) {
        return InvoiceRules.open(new InvoiceRequest(
                "inv1",
                "m1",
                amountMsat,
                0,
                SpeedPolicy.MEDIUM,
                100,
                CREATED.plus(Duration.ofMinutes(15)),
                CREATED.plus(Duration.ofHours(2)),
                custody));
    }

    private static JournalEntry entry(InvoiceState before, InvoiceState after) {
        return SettlementEntries.journalEntry(
                SettlementPosting.between(before, after, PAID_AT).orElseThrow());
    }
}
