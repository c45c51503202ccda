package com.flash.backoffice.portal.suspense;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.ledger.AccountBalance;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Resolving receipts in suspense on the real MariaDB: allocation, acknowledgement, and every refusal writing nothing. */
@PortalSpringTest
class SuspenseServiceIT {

    @Autowired
    SuspenseService suspense;

    @Autowired
    SuspenseReceiptRepository receipts;

    @Autowired
    LedgerRepository ledger;

    @Autowired
    AuditLogRepository auditLog;

    @Autowired
    DSLContext dsl;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    InvoiceRepository invoices;

    @Autowired
    AfterMonitoringReceipts afterMonitoring;

    SuspenseSeed seed;
    Merchant merchant;

    @BeforeEach
    void setUp() {
        seed = new SuspenseSeed(merchants, invoices, afterMonitoring);
        merchant = seed.merchant();
        signIn("finance", Role.FINANCE);
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void a_custodial_receipt_is_allocated_in_parts_each_with_its_entry_and_audit_row() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 300_000_000L);
        long suspenseBefore = suspenseBalance();

        ResolveOutcome first = suspense.allocate(
                new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(100_000_000L), "customer's order 17"));

        assertThat(first).isEqualTo(ResolveOutcome.ALLOCATED);
        SuspenseReceipt afterFirst = receipts.findById(receipt.id()).orElseThrow();
        assertThat(afterFirst.openMsat()).isEqualTo(200_000_000L);
        assertThat(afterFirst.revision()).isEqualTo(1);
        assertThat(suspenseBalance()).isEqualTo(suspenseBefore - 100_000_000L);
        assertThat(merchantBalance(merchant.id())).isEqualTo(100_000_000L);
        assertThat(entryExists("suspense-allocation-" + receipt.id() + "-0")).isTrue();
        assertThat(audits(receipt)).singleElement().satisfies(entry -> {
            assertThat(entry.actor()).isEqualTo("finance");
            assertThat(entry.action()).isEqualTo("suspense.allocate");
            assertThat(entry.reason()).isEqualTo("customer's order 17");
            assertThat(entry.afterJson()).contains(merchant.id(), "100000000");
        });

        ResolveOutcome rest = suspense.allocate(
                new Allocation(receipt.id(), 1, merchant.id(), Msat.ofMsat(200_000_000L), "the rest"));

        assertThat(rest).isEqualTo(ResolveOutcome.ALLOCATED);
        assertThat(receipts.findById(receipt.id()).orElseThrow().openMsat()).isZero();
        assertThat(suspense.overview().openReceipts())
                .extracting(SuspenseReceipt::id)
                .doesNotContain(receipt.id());
        assertThat(merchantBalance(merchant.id())).isEqualTo(300_000_000L);
        assertThat(suspenseBalance()).isEqualTo(suspenseBefore - 300_000_000L);
    }

    @Test
    void the_suspense_balance_equals_the_open_custodial_receipts_before_and_after_allocating() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 70_000L);
        seed.onChainNote(merchant, 90_000L);

        SuspenseOverview before = suspense.overview();
        assertThat(before.ledgerBalance()).isEqualTo(before.openCustodial());
        assertThat(before.balanced()).isTrue();
        assertThat(before.ledgerBalance().msat()).isGreaterThanOrEqualTo(70_000L);
        assertThat(before.openReceipts()).extracting(SuspenseReceipt::id).contains(receipt.id());

        suspense.allocate(new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(30_000L), "part"));

        SuspenseOverview after = suspense.overview();
        assertThat(after.ledgerBalance()).isEqualTo(after.openCustodial());
        assertThat(after.ledgerBalance()).isEqualTo(before.ledgerBalance().minus(Msat.ofMsat(30_000L)));
    }

    @Test
    void an_amount_above_the_receipts_open_amount_is_refused_and_nothing_is_written() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 50_000L);

        assertRefused(
                new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(50_001L), "too much"),
                ResolveOutcome.AMOUNT_ABOVE_OPEN);
        assertRefused(
                new Allocation(
                        receipt.id(), 0, merchant.id(), Msat.ofMsat(suspenseBalance() + 1), "more than suspense holds"),
                ResolveOutcome.AMOUNT_ABOVE_OPEN);
    }

    @Test
    void an_amount_above_the_suspense_balance_is_refused_even_within_the_receipt() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 80_000L);
        // take the suspense account below this receipt for the test, and put it back after
        Msat drained = Msat.ofMsat(suspenseBalance() - 40_000L);
        String key = "suspense-service-it-" + UUID.randomUUID();
        ledger.post(transfer(key + "-out", ChartOfAccounts.UNALLOCATED_RECEIPTS.code(), drained));
        try {
            assertRefused(
                    new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(60_000L), "suspense holds 40,000"),
                    ResolveOutcome.AMOUNT_ABOVE_SUSPENSE_BALANCE);
        } finally {
            ledger.post(transfer(key + "-back", ChartOfAccounts.OWNER_EQUITY.code(), drained));
        }
    }

    @Test
    void a_zero_or_negative_amount_is_refused_and_nothing_is_written() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 50_000L);

        assertRefused(
                new Allocation(receipt.id(), 0, merchant.id(), Msat.ZERO, "zero"), ResolveOutcome.AMOUNT_NOT_POSITIVE);
        assertRefused(
                new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(-1), "negative"),
                ResolveOutcome.AMOUNT_NOT_POSITIVE);
        assertRefused(new Allocation(receipt.id(), 0, merchant.id(), null, "none"), ResolveOutcome.AMOUNT_NOT_POSITIVE);
    }

    @Test
    void a_merchant_that_does_not_exist_is_refused_and_nothing_is_written() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 50_000L);

        assertRefused(
                new Allocation(receipt.id(), 0, "no-such-merchant", Msat.ofMsat(10_000L), "typo"),
                ResolveOutcome.MERCHANT_NOT_FOUND);
        assertRefused(
                new Allocation(receipt.id(), 0, null, Msat.ofMsat(10_000L), "none"), ResolveOutcome.MERCHANT_NOT_FOUND);
        assertThat(ledger.findAccount(
                        ChartOfAccounts.merchantBalance("no-such-merchant").code()))
                .isEmpty();
    }

    @Test
    void a_stale_revision_is_refused_and_nothing_is_written() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 50_000L);
        suspense.allocate(new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(10_000L), "first"));

        assertRefused(
                new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(10_000L), "seen before the first"),
                ResolveOutcome.STALE_REVISION);
    }

    @Test
    void an_allocation_without_a_reason_is_refused_and_nothing_is_written() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 50_000L);

        assertRefused(
                new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(10_000L), null),
                ResolveOutcome.REASON_REQUIRED);
        assertRefused(
                new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(10_000L), "   "),
                ResolveOutcome.REASON_REQUIRED);
    }

    @Test
    void a_note_cannot_be_allocated_since_flash_received_nothing() {
        SuspenseReceipt note = seed.onChainNote(merchant, 50_000L);

        assertRefused(
                new Allocation(note.id(), 0, merchant.id(), Msat.ofMsat(10_000L), "try"),
                ResolveOutcome.RECEIPT_IS_A_NOTE);
        assertThat(ResolveOutcome.RECEIPT_IS_A_NOTE.message()).contains("merchant's own wallet");
    }

    @Test
    void a_note_is_acknowledged_in_full_with_an_audit_row_and_no_entry() {
        SuspenseReceipt note = seed.onChainNote(merchant, 50_000L);
        long entriesBefore = dsl.fetchCount(LEDGER_ENTRY);

        assertThat(suspense.acknowledge(note.id(), 0, "")).isEqualTo(ResolveOutcome.REASON_REQUIRED);
        assertThat(suspense.acknowledge(note.id(), 0, "merchant confirmed the payment in their wallet"))
                .isEqualTo(ResolveOutcome.ACKNOWLEDGED);

        assertThat(receipts.findById(note.id()).orElseThrow().openMsat()).isZero();
        assertThat(dsl.fetchCount(LEDGER_ENTRY)).isEqualTo(entriesBefore);
        assertThat(audits(note))
                .singleElement()
                .satisfies(entry -> assertThat(entry.action()).isEqualTo("suspense.acknowledge"));
        assertThat(suspense.acknowledge(note.id(), 1, "again")).isEqualTo(ResolveOutcome.NOTHING_OPEN);
    }

    @Test
    void a_custodial_receipt_cannot_be_acknowledged_away() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 50_000L);
        State before = state(receipt);

        assertThat(suspense.acknowledge(receipt.id(), 0, "make it go away"))
                .isEqualTo(ResolveOutcome.RECEIPT_IS_CUSTODIAL);

        assertThat(state(receipt)).isEqualTo(before);
    }

    @Test
    void two_finance_users_allocating_the_same_receipt_at_once_one_wins_and_the_ledger_has_one_allocation()
            throws Exception {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 500_000L);
        long suspenseBefore = suspenseBalance();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<ResolveOutcome> outcomes;
        try {
            Future<ResolveOutcome> a = pool.submit(allocateAs("finance-a", receipt, start));
            Future<ResolveOutcome> b = pool.submit(allocateAs("finance-b", receipt, start));
            start.countDown();
            outcomes = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).containsExactlyInAnyOrder(ResolveOutcome.ALLOCATED, ResolveOutcome.STALE_REVISION);
        SuspenseReceipt after = receipts.findById(receipt.id()).orElseThrow();
        assertThat(after.resolvedMsat()).isEqualTo(400_000L);
        assertThat(after.revision()).isEqualTo(1);
        assertThat(dsl.fetchCount(
                        LEDGER_ENTRY, LEDGER_ENTRY.SOURCE_KEY.startsWith("suspense-allocation-" + receipt.id() + "-")))
                .isEqualTo(1);
        assertThat(suspenseBalance()).isEqualTo(suspenseBefore - 400_000L);
        assertThat(merchantBalance(merchant.id())).isEqualTo(400_000L);
        assertThat(audits(receipt)).hasSize(1);
    }

    private Callable<ResolveOutcome> allocateAs(String username, SuspenseReceipt receipt, CountDownLatch start) {
        return () -> {
            signIn(username, Role.FINANCE);
            try {
                start.await();
                return suspense.allocate(
                        new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(400_000L), username + " allocates"));
            } finally {
                SecurityContextHolder.clearContext();
            }
        };
    }

    @Test
    void support_reads_the_receipts_but_cannot_allocate() {
        SuspenseReceipt receipt = seed.lightningAfterMonitoring(merchant, 50_000L);
        signIn("support", Role.SUPPORT);

        assertThat(suspense.overview().openReceipts())
                .extracting(SuspenseReceipt::id)
                .contains(receipt.id());
        assertThatThrownBy(() -> suspense.allocate(
                        new Allocation(receipt.id(), 0, merchant.id(), Msat.ofMsat(1_000L), "support")))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> suspense.acknowledge(receipt.id(), 0, "support"))
                .isInstanceOf(AuthorizationDeniedException.class);
        signIn("marketing", Role.MARKETING);
        assertThatThrownBy(() -> suspense.overview()).isInstanceOf(AuthorizationDeniedException.class);
        signIn("accountant", Role.ACCOUNTANT);
        assertThatThrownBy(() -> suspense.overview()).isInstanceOf(AuthorizationDeniedException.class);
    }

    /** What a refused request must leave untouched. */
    record State(SuspenseReceipt receipt, long suspenseBalance, long merchantBalance, int entries, int audits) {}

    private State state(SuspenseReceipt receipt) {
        return new State(
                receipts.findById(receipt.id()).orElseThrow(),
                suspenseBalance(),
                merchantBalance(merchant.id()),
                dsl.fetchCount(LEDGER_ENTRY),
                auditLog.count(AuditQuery.all(0, 0)));
    }

    private void assertRefused(Allocation allocation, ResolveOutcome expected) {
        SuspenseReceipt receipt = receipts.findById(allocation.receiptId()).orElseThrow();
        State before = state(receipt);

        ResolveOutcome outcome = suspense.allocate(allocation);

        assertThat(outcome).isEqualTo(expected);
        assertThat(outcome.message()).isNotBlank();
        assertThat(state(receipt)).isEqualTo(before);
    }

    private List<AuditEntry> audits(SuspenseReceipt receipt) {
        return auditLog.find(AuditQuery.all(0, 1_000)).stream()
                .filter(entry -> "suspense-receipt".equals(entry.targetType()))
                .filter(entry -> String.valueOf(receipt.id()).equals(entry.targetId()))
                .toList();
    }

    private boolean entryExists(String sourceKey) {
        return dsl.fetchExists(LEDGER_ENTRY, LEDGER_ENTRY.SOURCE_KEY.eq(sourceKey));
    }

    private long suspenseBalance() {
        return ledger.accountBalance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())
                .orElseThrow()
                .balanceMsat()
                .msat();
    }

    private long merchantBalance(String merchantId) {
        return ledger.accountBalance(ChartOfAccounts.merchantBalance(merchantId).code())
                .map(AccountBalance::balanceMsat)
                .map(Msat::msat)
                .orElse(0L);
    }

    /** Moves {@code amount} out of {@code from} (debited) into the other of suspense and owner equity. */
    private static JournalEntry transfer(String sourceKey, String debited, Msat amount) {
        String credited = debited.equals(ChartOfAccounts.UNALLOCATED_RECEIPTS.code())
                ? ChartOfAccounts.OWNER_EQUITY.code()
                : ChartOfAccounts.UNALLOCATED_RECEIPTS.code();
        return new JournalEntry(
                sourceKey,
                "test: suspense below a receipt",
                UtcTimestamps.now(),
                List.of(JournalLine.debit(debited, amount), JournalLine.credit(credited, amount)));
    }

    private static void signIn(String username, Role... roles) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username,
                        "n/a",
                        java.util.Arrays.stream(roles)
                                .map(role -> new SimpleGrantedAuthority(role.authority()))
                                .toList()));
    }
}
