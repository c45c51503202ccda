package com.flash.backoffice.db.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Payouts on MariaDB: the reservation is the ledger's, never overdraws, and each state is written once. */
class PayoutRepositoryIT {

    private static final AtomicInteger MERCHANTS = new AtomicInteger();
    private static TestDatabase database;
    private static DSLContext dsl;
    private static PayoutRepository payouts;
    private static LedgerRepository ledger;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("payout_it");
        dsl = database.dsl();
        payouts = new PayoutRepository(dsl);
        ledger = new LedgerRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_request_reserves_the_amount_from_the_merchant_balance_in_the_ledger() {
        Merchant merchant = merchantWithBalance(1_000_000);

        Payout payout = created(payouts.request(lightning(merchant, "lnbcrt1a", 400_000)));

        assertThat(payout.state()).isEqualTo(PayoutState.AWAITING_APPROVAL);
        assertThat(payout.revision()).isZero();
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ofMsat(400_000));
        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ofMsat(600_000));
        assertThat(ledger.merchantBalances(merchant.id()).custodialBalance()).isEqualTo(Msat.ofMsat(1_000_000));
        assertThat(payouts.timeline(payout.id()))
                .extracting(PayoutEvent::state)
                .containsExactly(PayoutState.AWAITING_APPROVAL);
    }

    @Test
    void a_request_above_the_payable_balance_is_refused_with_the_available_amount_and_writes_nothing() {
        Merchant merchant = merchantWithBalance(1_000_000);
        created(payouts.request(lightning(merchant, "lnbcrt1b", 700_000)));

        PayoutRequestResult refused = payouts.request(lightning(merchant, "lnbcrt1c", 300_001));

        assertThat(refused).isEqualTo(new PayoutRequestResult.Overdraft(Msat.ofMsat(300_000)));
        assertThat(payouts.count(merchant.id(), null)).isEqualTo(1);
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ofMsat(700_000));
    }

    @Test
    void fees_the_merchant_owes_are_not_payable() {
        Merchant merchant = merchantWithBalance(1_000_000);
        ledger.createAccount(ChartOfAccounts.feesReceivable(merchant.id()));
        ledger.post(new JournalEntry(
                "fees-" + merchant.id(),
                "fees owed",
                Instant.now(),
                List.of(
                        JournalLine.debit(
                                ChartOfAccounts.feesReceivable(merchant.id()).code(), Msat.ofMsat(50_000)),
                        JournalLine.credit(ChartOfAccounts.PROCESSING_FEE_REVENUE.code(), Msat.ofMsat(50_000)))));

        assertThat(payouts.request(lightning(merchant, "lnbcrt1d", 950_001)))
                .isEqualTo(new PayoutRequestResult.Overdraft(Msat.ofMsat(950_000)));
    }

    @Test
    void a_second_open_payout_to_the_same_destination_is_a_duplicate_until_the_first_is_final() {
        Merchant merchant = merchantWithBalance(1_000_000);
        Payout first = created(payouts.request(lightning(merchant, "alice@example.com", 100_000)));

        assertThat(payouts.request(lightning(merchant, "alice@example.com", 100_000)))
                .isEqualTo(new PayoutRequestResult.DuplicateDestination(first.id()));

        payouts.saveState(change(first, 1, PayoutState.CANCELLED));
        assertThat(payouts.request(lightning(merchant, "alice@example.com", 100_000)))
                .isInstanceOf(PayoutRequestResult.Created.class);
    }

    @Test
    void concurrent_requests_never_together_exceed_the_payable_balance() throws Exception {
        Merchant merchant = merchantWithBalance(1_000_000);
        int requests = 16;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<PayoutRequestResult>> results = new ArrayList<>();
        for (int i = 0; i < requests; i++) {
            String destination = "lnbcrt-concurrent-" + i;
            Callable<PayoutRequestResult> call = () -> {
                start.await();
                return payouts.request(lightning(merchant, destination, 150_000));
            };
            results.add(pool.submit(call));
        }
        start.countDown();
        int createdCount = 0;
        for (Future<PayoutRequestResult> result : results) {
            if (result.get() instanceof PayoutRequestResult.Created) {
                createdCount++;
            }
        }
        pool.shutdown();

        assertThat(createdCount).isEqualTo(6);
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ofMsat(900_000));
        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ofMsat(100_000));
    }

    @Test
    void completion_books_the_payment_and_its_fee_once_and_empties_the_reservation() {
        Merchant merchant = merchantWithBalance(1_000_000);
        Payout payout = created(payouts.request(lightning(merchant, "lnbcrt1e", 400_000)));
        Msat lightningBefore = balance(ChartOfAccounts.LIGHTNING_ASSETS.code());
        Msat feesBefore = balance(ChartOfAccounts.NETWORK_FEES.code());

        assertThat(payouts.saveState(change(payout, 1, PayoutState.AWAITING_PAYMENT)))
                .isTrue();
        assertThat(payouts.saveState(change(payout, 2, PayoutState.IN_PROGRESS)))
                .isTrue();
        PayoutStateChange completed = new PayoutStateChange(
                payout.id(),
                3,
                PayoutState.COMPLETED,
                "workflow",
                false,
                List.of(),
                "Paid",
                null,
                null,
                1_234L,
                "ab12",
                Instant.now());
        assertThat(payouts.saveState(completed)).isTrue();
        assertThat(payouts.saveState(completed)).isFalse();

        Payout stored = payouts.findById(payout.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(PayoutState.COMPLETED);
        assertThat(stored.feeMsat()).isEqualTo(1_234L);
        assertThat(stored.proof()).isEqualTo("ab12");
        assertThat(stored.completedAt()).isNotNull();
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ofMsat(600_000));
        assertThat(lightningBefore.minus(balance(ChartOfAccounts.LIGHTNING_ASSETS.code())))
                .isEqualTo(Msat.ofMsat(401_234));
        assertThat(balance(ChartOfAccounts.NETWORK_FEES.code()).minus(feesBefore))
                .isEqualTo(Msat.ofMsat(1_234));
        assertThat(payouts.timeline(payout.id()))
                .extracting(PayoutEvent::revision)
                .containsExactly(0, 1, 2, 3);
    }

    @Test
    void cancelling_releases_the_reservation_and_a_final_payout_takes_no_further_state() {
        Merchant merchant = merchantWithBalance(1_000_000);
        Payout payout = created(payouts.request(lightning(merchant, "lnbcrt1f", 400_000)));

        payouts.saveState(change(payout, 1, PayoutState.CANCELLED));

        assertThat(ledger.merchantBalances(merchant.id()).payable()).isEqualTo(Msat.ofMsat(1_000_000));
        assertThat(ledger.merchantBalances(merchant.id()).reserved()).isEqualTo(Msat.ZERO);
        assertThatThrownBy(() -> payouts.saveState(change(payout, 2, PayoutState.IN_PROGRESS)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CANCELLED");
    }

    @Test
    void a_step_a_person_caused_is_audited_once_with_the_change_and_the_workflows_own_steps_are_not() {
        Merchant merchant = merchantWithBalance(1_000_000);
        Payout payout = created(payouts.request(lightning(merchant, "lnbcrt1h", 400_000)));
        PayoutStateChange own = new PayoutStateChange(
                payout.id(),
                1,
                PayoutState.AWAITING_PAYMENT,
                "workflow",
                false,
                List.of(),
                "Approved",
                null,
                null,
                null,
                null,
                Instant.now());
        payouts.saveState(own);

        payouts.saveState(change(payout, 2, PayoutState.CANCELLED));
        payouts.saveState(change(payout, 2, PayoutState.CANCELLED));

        assertThat(dsl.fetch(
                        "select actor, actor_roles, action, reason from audit_log where target_type = 'payout'"
                                + " and target_id = ?",
                        payout.id()))
                .extracting(row -> row.get("action", String.class) + " by " + row.get("actor", String.class) + " "
                        + row.get("actor_roles", String.class))
                .containsExactly("payout.cancelled by finance FINANCE");
    }

    @Test
    void an_unknown_merchant_is_refused() {
        assertThat(payouts.request(new NewPayout(
                        "no-such-merchant",
                        "lnbcrt1g",
                        PayoutDestinationKind.BOLT11,
                        1_000,
                        0,
                        PayoutOrigin.PORTAL,
                        "finance")))
                .isEqualTo(new PayoutRequestResult.UnknownMerchant());
    }

    private static Merchant merchantWithBalance(long msat) {
        Merchant merchant = new MerchantRepository(dsl)
                .create(NewMerchant.withDefaults("Payout shop " + MERCHANTS.incrementAndGet(), "EUR"));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), Msat.ofMsat(msat)),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), Msat.ofMsat(msat)))));
        return merchant;
    }

    private static NewPayout lightning(Merchant merchant, String destination, long msat) {
        return new NewPayout(
                merchant.id(), destination, PayoutDestinationKind.BOLT11, msat, 10_000, PayoutOrigin.PORTAL, "finance");
    }

    private static PayoutStateChange change(Payout payout, int revision, PayoutState state) {
        return new PayoutStateChange(
                payout.id(),
                revision,
                state,
                "finance",
                true,
                List.of("FINANCE"),
                null,
                null,
                null,
                null,
                null,
                Instant.now());
    }

    private static Payout created(PayoutRequestResult result) {
        assertThat(result).isInstanceOf(PayoutRequestResult.Created.class);
        return ((PayoutRequestResult.Created) result).payout();
    }

    private static Msat balance(String code) {
        return ledger.accountBalance(code).orElseThrow().balanceMsat();
    }
}
