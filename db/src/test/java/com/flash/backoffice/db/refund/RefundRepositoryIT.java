package com.flash.backoffice.db.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.suspense.NewSuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseKind;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.db.testsupport.Concurrently;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Refunds on MariaDB: the refunds of an invoice never exceed what was paid on it, even when started at the same
 * moment; the reservation, payment and release are the ledger's; each step is written once; a k1 is taken once.
 */
class RefundRepositoryIT {

    private static final BigDecimal RATE = new BigDecimal("50000");
    private static TestDatabase database;
    private static DSLContext dsl;
    private static RefundRepository refunds;
    private static LedgerRepository ledger;
    private static PaidInvoices paid;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("refund_it");
        dsl = database.dsl();
        refunds = new RefundRepository(dsl);
        ledger = new LedgerRepository(dsl);
        paid = new PaidInvoices(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void eight_agents_refunding_forty_percent_of_one_invoice_at_the_same_moment_get_exactly_two_refunds()
            throws Exception {
        for (int round = 0; round < 5; round++) {
            Merchant merchant = paid.merchantWithBalance(100_000_000);
            Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);

            List<RefundStartResult> results = Concurrently.run(8, () -> refunds.start(request(invoice, 4_000_000)));

            assertThat(results)
                    .filteredOn(RefundStartResult.Created.class::isInstance)
                    .hasSize(2);
            assertThat(results)
                    .filteredOn(RefundStartResult.ExceedsPaid.class::isInstance)
                    .hasSize(6)
                    .allSatisfy(refused -> assertThat(((RefundStartResult.ExceedsPaid) refused).remaining())
                            .isIn(Msat.ofMsat(6_000_000), Msat.ofMsat(2_000_000)));
            assertThat(refunds.refundedMsat(invoice.id())).isEqualTo(8_000_000).isLessThanOrEqualTo(invoice.paidMsat());
            assertThat(refunds.findByInvoice(invoice.id())).hasSize(2);
        }
    }

    @Test
    void of_two_agents_refunding_sixty_percent_at_the_same_moment_exactly_one_wins() throws Exception {
        for (int round = 0; round < 5; round++) {
            Merchant merchant = paid.merchantWithBalance(100_000_000);
            Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);

            List<RefundStartResult> results = Concurrently.run(2, () -> refunds.start(request(invoice, 6_000_000)));

            assertThat(results)
                    .filteredOn(RefundStartResult.Created.class::isInstance)
                    .hasSize(1);
            assertThat(refunds.refundedMsat(invoice.id())).isEqualTo(6_000_000);
        }
    }

    @Test
    void every_refused_start_says_why_and_writes_nothing() {
        Merchant merchant = paid.merchantWithBalance(5_000_000);
        Invoice settled = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Invoice open =
                paid.paid(merchant.id(), 10_000_000, 0, RATE, null, InvoiceStatus.NEW, InvoiceAdditionalStatus.NONE);
        Invoice expiredUnpaid = paid.paid(
                merchant.id(), 10_000_000, 1_000, RATE, null, InvoiceStatus.EXPIRED, InvoiceAdditionalStatus.NONE);
        int events = dsl.fetchCount(dsl.selectFrom("invoice_event"));
        int entries = dsl.fetchCount(dsl.selectFrom("ledger_entry"));

        assertThat(refunds.start(request("no-such-invoice", 1_000_000)))
                .isInstanceOf(RefundStartResult.UnknownInvoice.class);
        assertThat(refunds.start(request(open, 1_000)))
                .isInstanceOfSatisfying(
                        RefundStartResult.NotRefundable.class,
                        refused -> assertThat(refused.reason()).contains("Nothing was paid"));
        assertThat(refunds.start(request(expiredUnpaid, 1_000)))
                .isInstanceOfSatisfying(
                        RefundStartResult.NotRefundable.class,
                        refused -> assertThat(refused.reason()).contains("is Expired"));
        assertThat(refunds.start(request(settled, 10_000_001)))
                .isEqualTo(
                        new RefundStartResult.ExceedsPaid(Msat.ofMsat(10_000_000), Msat.ZERO, Msat.ofMsat(10_000_000)));
        assertThat(refunds.start(request(settled, 6_000_000)))
                .isEqualTo(new RefundStartResult.InsufficientBalance(Msat.ofMsat(5_000_000)));
        assertThat(refunds.start(fromSuspense(settled, 999L, 1_000_000)))
                .isInstanceOf(RefundStartResult.SuspenseUnavailable.class);

        assertThat(dsl.fetchCount(dsl.selectFrom("refund"))).isEqualTo(countRefunds());
        assertThat(refunds.findByInvoice(settled.id())).isEmpty();
        assertThat(dsl.fetchCount(dsl.selectFrom("invoice_event"))).isEqualTo(events);
        assertThat(dsl.fetchCount(dsl.selectFrom("ledger_entry"))).isEqualTo(entries);
    }

    @Test
    void approval_reserves_from_the_merchant_balance_payment_books_the_asset_and_fee_and_a_retry_writes_once() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = created(refunds.start(request(invoice, 4_000_000)));
        assertThat(refund.state()).isEqualTo(RefundState.AWAITING_APPROVAL);
        assertThat(payable(merchant)).isEqualTo(20_000_000);

        RefundReservation reserved = refunds.reserve(refund.id(), 1, 4_000_000, "Approved", inADay(), Instant.now());
        RefundReservation again = refunds.reserve(refund.id(), 1, 4_000_000, "Approved", inADay(), Instant.now());

        assertThat(reserved).isEqualTo(RefundReservation.reserved(4_000_000));
        assertThat(again).isEqualTo(reserved);
        assertThat(payable(merchant)).isEqualTo(16_000_000);
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isEqualTo(4_000_000);
        assertThat(refunds.findById(refund.id()).orElseThrow().state()).isEqualTo(RefundState.AWAITING_CLAIM);

        long lightningBefore = balance(ChartOfAccounts.LIGHTNING_ASSETS.code());
        long feesBefore = balance(ChartOfAccounts.NETWORK_FEES.code());
        assertThat(refunds.saveState(step(refund, 2, RefundState.IN_PROGRESS, "lnbcrt1claim"), false))
                .isTrue();
        assertThat(refunds.saveState(completed(refund, 3, 2_000), false)).isTrue();
        assertThat(refunds.saveState(completed(refund, 3, 2_000), false)).isFalse();

        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
        assertThat(balance(ChartOfAccounts.LIGHTNING_ASSETS.code())).isEqualTo(lightningBefore - 4_002_000);
        assertThat(balance(ChartOfAccounts.NETWORK_FEES.code())).isEqualTo(feesBefore + 2_000);
        assertThat(payable(merchant)).isEqualTo(16_000_000);
        Refund done = refunds.findById(refund.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(RefundState.COMPLETED);
        assertThat(done.proof()).isEqualTo("preimage");
        assertThat(refunds.timeline(refund.id()))
                .extracting(RefundEvent::state)
                .containsExactly(
                        RefundState.AWAITING_APPROVAL,
                        RefundState.AWAITING_CLAIM,
                        RefundState.IN_PROGRESS,
                        RefundState.COMPLETED);
        assertThat(refundEvents(invoice)).hasSize(2);
    }

    @Test
    void an_onchain_refund_is_paid_from_the_onchain_asset() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = created(refunds.start(request(invoice, 3_000_000)));
        refunds.reserve(refund.id(), 1, 3_000_000, "Approved", inADay(), Instant.now());
        long onchainBefore = balance(ChartOfAccounts.ONCHAIN_ASSETS.code());

        refunds.saveState(step(refund, 2, RefundState.IN_PROGRESS, "bcrt1qaddress"), false);
        refunds.saveState(completed(refund, 3, 141_000), true);

        assertThat(balance(ChartOfAccounts.ONCHAIN_ASSETS.code())).isEqualTo(onchainBefore - 3_141_000);
    }

    @Test
    void a_reservation_the_balance_no_longer_covers_cancels_the_refund_and_frees_its_share() {
        Merchant merchant = paid.merchantWithBalance(5_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = created(refunds.start(request(invoice, 4_000_000)));
        spend(merchant, 3_000_000);

        RefundReservation refused = refunds.reserve(refund.id(), 1, 4_000_000, "Approved", inADay(), Instant.now());

        assertThat(refused.reserved()).isFalse();
        assertThat(refused.refusal()).contains("cannot cover the refund");
        Refund cancelled = refunds.findById(refund.id()).orElseThrow();
        assertThat(cancelled.state()).isEqualTo(RefundState.CANCELLED);
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
        assertThat(refunds.refundedMsat(invoice.id())).isZero();
        assertThat(refunds.reserve(refund.id(), 1, 4_000_000, "Approved", inADay(), Instant.now()))
                .isEqualTo(refused);
    }

    @Test
    void finance_may_let_the_balance_go_negative_the_shortfall_is_a_receivable_and_a_release_returns_it_exactly() {
        Merchant merchant = paid.merchantWithBalance(1_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        NewRefund overdraft = new NewRefund(
                invoice.id(),
                quote(4_000_000),
                RefundSource.MERCHANT,
                null,
                "goodwill",
                true,
                null,
                RefundOrigin.PORTAL,
                "fiona",
                10_000);
        Refund refund = created(refunds.start(overdraft));

        refunds.reserve(refund.id(), 1, 4_000_000, "Approved", inADay(), Instant.now());

        String receivable = ChartOfAccounts.refundsReceivable(merchant.id()).code();
        assertThat(balance(receivable)).isEqualTo(3_000_000);
        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ofMsat(-3_000_000));
        Refund reserved = refunds.findById(refund.id()).orElseThrow();
        assertThat(reserved.reservedFromBalanceMsat()).isEqualTo(1_000_000);
        assertThat(reserved.receivableMsat()).isEqualTo(3_000_000);

        refunds.saveState(step(refund, 2, RefundState.EXPIRED, null), false);

        assertThat(balance(receivable)).isZero();
        assertThat(payable(merchant)).isEqualTo(1_000_000);
        assertThat(balance(ChartOfAccounts.refundsPending(merchant.id()).code()))
                .isZero();
    }

    @Test
    void a_refund_from_suspense_takes_the_unallocated_receipt_and_a_cancellation_reopens_it() {
        Merchant merchant = paid.merchantWithBalance(0);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 12_000_000, RATE, null);
        SuspenseReceiptRepository suspense = new SuspenseReceiptRepository(dsl);
        String entryKey = "invoice-" + invoice.id() + "-overpaid";
        ledger.post(new com.flash.backoffice.db.ledger.JournalEntry(
                entryKey,
                "overpaid part",
                Instant.now(),
                List.of(
                        com.flash.backoffice.db.ledger.JournalLine.debit(
                                ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(2_000_000)),
                        com.flash.backoffice.db.ledger.JournalLine.credit(
                                ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), Msat.ofMsat(2_000_000)))));
        SuspenseReceipt receipt = suspense.record(new NewSuspenseReceipt(
                entryKey,
                SuspenseKind.OVERPAID,
                true,
                invoice.id(),
                merchant.id(),
                com.flash.backoffice.db.invoice.PaymentMethod.BTC_LN,
                "hash-" + invoice.id(),
                null,
                2_000_000,
                entryKey,
                Instant.now()));
        long unallocatedBefore = balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());
        Refund refund = created(refunds.start(fromSuspense(invoice, receipt.id(), 2_000_000)));

        refunds.reserve(refund.id(), 1, 2_000_000, "Approved", inADay(), Instant.now());

        assertThat(suspense.findById(receipt.id()).orElseThrow().openMsat()).isZero();
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())).isEqualTo(unallocatedBefore - 2_000_000);
        assertThat(payable(merchant)).isZero();

        refunds.saveState(step(refund, 2, RefundState.CANCELLED, null), false);

        assertThat(suspense.findById(receipt.id()).orElseThrow().openMsat()).isEqualTo(2_000_000);
        assertThat(balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())).isEqualTo(unallocatedBefore);
        assertThat(refunds.start(fromSuspense(invoice, receipt.id(), 2_000_001)))
                .isInstanceOf(RefundStartResult.SuspenseUnavailable.class);
    }

    @Test
    void a_k1_is_taken_by_exactly_one_of_many_concurrent_claims_and_never_after_the_claim_expired() throws Exception {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = created(refunds.start(request(invoice, 1_000_000)));
        assertThat(refunds.consumeK1(refund.k1(), Instant.now()))
                .as("not approved yet")
                .isFalse();
        refunds.reserve(refund.id(), 1, 1_000_000, "Approved", inADay(), Instant.now());
        String k1 = refunds.findById(refund.id()).orElseThrow().k1();

        assertThat(refunds.consumeK1(k1, inADay().plusSeconds(1))).as("expired").isFalse();
        List<Boolean> claims = Concurrently.run(6, () -> refunds.consumeK1(k1, Instant.now()));

        assertThat(claims).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(refunds.consumeK1(k1, Instant.now())).as("used").isFalse();

        refunds.saveState(step(refund, 2, RefundState.IN_PROGRESS, "lnbcrt1claim"), false);
        refunds.saveState(
                new RefundStateChange(
                        refund.id(),
                        3,
                        RefundState.AWAITING_CLAIM,
                        "workflow",
                        false,
                        List.of(),
                        "payment failed",
                        null,
                        null,
                        1,
                        null,
                        null,
                        "no route",
                        Instant.now()),
                false);
        Refund reopened = refunds.findById(refund.id()).orElseThrow();
        assertThat(reopened.k1()).isNotEqualTo(k1);
        assertThat(reopened.k1UsedAt()).isNull();
        assertThat(reopened.destination()).isNull();
        assertThat(refunds.consumeK1(k1, Instant.now())).as("the old k1").isFalse();
        assertThat(refunds.consumeK1(reopened.k1(), Instant.now())).isTrue();
    }

    @Test
    void a_persons_command_is_audited_once_with_the_step() {
        Merchant merchant = paid.merchantWithBalance(20_000_000);
        Invoice invoice = paid.settled(merchant.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = created(refunds.start(request(invoice, 1_000_000)));
        RefundStateChange cancel = new RefundStateChange(
                refund.id(),
                1,
                RefundState.CANCELLED,
                "sam",
                true,
                List.of("SUPPORT"),
                "Cancelled: wrong invoice",
                null,
                null,
                0,
                null,
                null,
                null,
                Instant.now());

        refunds.saveState(cancel, false);
        refunds.saveState(cancel, false);

        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log").where("target_id = ?", refund.id())))
                .isEqualTo(1);
        assertThat(refunds.refundedMsat(invoice.id())).isZero();
        assertThat(refunds.start(request(invoice, 10_000_000))).isInstanceOf(RefundStartResult.Created.class);
    }

    // ------------------------------------------------------------------ helpers

    private static int countRefunds() {
        return dsl.fetchCount(dsl.selectFrom("refund"));
    }

    private static List<?> refundEvents(Invoice invoice) {
        return new InvoiceRepository(dsl)
                .findEvents(invoice.id()).stream()
                        .filter(event -> event.eventType().equals(RefundRepository.INVOICE_EVENT_TYPE))
                        .toList();
    }

    private static void spend(Merchant merchant, long msat) {
        ledger.post(new com.flash.backoffice.db.ledger.JournalEntry(
                "spent-" + merchant.id(),
                "paid out elsewhere",
                Instant.now(),
                List.of(
                        com.flash.backoffice.db.ledger.JournalLine.debit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), Msat.ofMsat(msat)),
                        com.flash.backoffice.db.ledger.JournalLine.credit(
                                ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(msat)))));
    }

    private static long payable(Merchant merchant) {
        return ledger.merchantBalances(merchant.id()).payable().msat();
    }

    private static long balance(String code) {
        return ledger.accountBalance(code)
                .map(account -> account.balanceMsat().msat())
                .orElse(0L);
    }

    private static Instant inADay() {
        return Instant.now().plusSeconds(86_400);
    }

    private static RefundQuote quote(long msat) {
        return new RefundQuote(RefundVariant.CUSTOM, msat, null, null, null, BigDecimal.ZERO, true);
    }

    private static NewRefund request(Invoice invoice, long msat) {
        return request(invoice.id(), msat);
    }

    private static NewRefund request(String invoiceId, long msat) {
        return new NewRefund(
                invoiceId,
                quote(msat),
                RefundSource.MERCHANT,
                null,
                "customer asked",
                false,
                null,
                RefundOrigin.PORTAL,
                "sam",
                10_000);
    }

    private static NewRefund fromSuspense(Invoice invoice, long receiptId, long msat) {
        return new NewRefund(
                invoice.id(),
                quote(msat),
                RefundSource.SUSPENSE,
                receiptId,
                "overpaid",
                false,
                null,
                RefundOrigin.PORTAL,
                "sam",
                10_000);
    }

    private static RefundStateChange step(Refund refund, int revision, RefundState state, String destination) {
        return new RefundStateChange(
                refund.id(),
                revision,
                state,
                "workflow",
                false,
                List.of(),
                state.name(),
                destination,
                null,
                1,
                null,
                null,
                null,
                Instant.now());
    }

    private static RefundStateChange completed(Refund refund, int revision, long feeMsat) {
        return new RefundStateChange(
                refund.id(),
                revision,
                RefundState.COMPLETED,
                "workflow",
                false,
                List.of(),
                "Paid",
                null,
                null,
                1,
                feeMsat,
                "preimage",
                null,
                Instant.now());
    }

    private static Refund created(RefundStartResult result) {
        assertThat(result).isInstanceOf(RefundStartResult.Created.class);
        return ((RefundStartResult.Created) result).refund();
    }
}
