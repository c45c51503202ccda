package com.flash.backoffice.db.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Lightning top-ups on real MariaDB: a settled invoice credits its card once, however often or concurrently it is
 * reported; value for a lost card reaches its replacement and value for a retired card goes to suspense; links
 * expire.
 */
class CardTopUpsIT {

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardLifecycle lifecycle;
    private static CardWithdrawals withdrawals;
    private static CardTopUps topUps;
    private static LedgerRepository ledger;
    private static CardProgramme programme;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_top_ups_it");
        cards = new CardRepository(database.dsl());
        lifecycle = new CardLifecycle(database.dsl());
        withdrawals = new CardWithdrawals(database.dsl());
        topUps = new CardTopUps(database.dsl());
        ledger = new LedgerRepository(database.dsl());
        programme = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Top-ups " + RandomIds.newId(),
                new byte[44],
                50_000_000,
                200_000_000,
                null,
                30,
                "f"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_settled_invoice_credits_its_card_once_with_what_was_paid() {
        Card card = active();
        CardTopUp open = invoice(card, 2_500_000);
        long lightningBefore = lightning();

        Optional<TopUpCredit> first = topUps.creditSettled(open.paymentHash(), 2_600_000, Instant.now());
        Optional<TopUpCredit> again = topUps.creditSettled(open.paymentHash(), 2_600_000, Instant.now());

        assertThat(first).hasValueSatisfying(credit -> {
            assertThat(credit.state()).isEqualTo(TopUpState.CREDITED);
            assertThat(credit.cardId()).isEqualTo(card.id());
            assertThat(credit.again()).isFalse();
        });
        assertThat(again)
                .hasValueSatisfying(credit -> assertThat(credit.again()).isTrue());
        assertThat(withdrawals.balanceMsat(card.id()))
                .as("an overpaid invoice credits what was paid")
                .isEqualTo(2_600_000);
        assertThat(lightning() - lightningBefore).isEqualTo(2_600_000);
        assertThat(withdrawals.statement(card.id(), 5))
                .singleElement()
                .satisfies(movement -> assertThat(movement.description()).isEqualTo("Top-up over Lightning"));
        CardTopUp credited = topUps.find(open.id()).orElseThrow();
        assertThat(credited.state()).isEqualTo(TopUpState.CREDITED);
        assertThat(credited.creditedMsat()).isEqualTo(2_600_000);
        assertThat(topUps.openPaymentHashes("lnd-test", Instant.now())).doesNotContain(open.paymentHash());
    }

    @Test
    void the_same_settlement_reported_by_eight_threads_at_once_credits_once() throws Exception {
        Card card = active();
        CardTopUp open = invoice(card, 1_000_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<TopUpCredit>>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return topUps.creditSettled(open.paymentHash(), 1_000_000, Instant.now());
            }));
        }
        start.countDown();
        int firsts = 0;
        for (Future<Optional<TopUpCredit>> result : results) {
            if (!result.get().orElseThrow().again()) {
                firsts++;
            }
        }
        pool.shutdown();

        assertThat(firsts).isEqualTo(1);
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(1_000_000);
    }

    @Test
    void value_for_a_lost_card_reaches_its_replacement_and_for_a_retired_card_goes_to_suspense() {
        Card lost = active();
        Card replacement = pending();
        CardTopUp forLost = invoice(lost, 3_000_000);
        assertThat(lifecycle.replace(
                        change(lost, 2, CardState.ACTIVE, CardState.LOST, CardReason.LOST), replacement.id()))
                .isEmpty();
        Card retired = active();
        CardTopUp forRetired = invoice(retired, 4_000_000);
        assertThat(lifecycle.change(
                        change(retired, 2, CardState.ACTIVE, CardState.RETIRED, CardReason.PROGRAMME_ENDED)))
                .isTrue();
        long suspenseBefore = new SuspenseReceiptRepository(database.dsl()).openCustodialMsat();

        TopUpCredit toReplacement = topUps.creditSettled(forLost.paymentHash(), 3_000_000, Instant.now())
                .orElseThrow();
        TopUpCredit toSuspense = topUps.creditSettled(forRetired.paymentHash(), 4_000_000, Instant.now())
                .orElseThrow();

        assertThat(toReplacement.cardId()).isEqualTo(replacement.id());
        assertThat(withdrawals.balanceMsat(replacement.id())).isEqualTo(3_000_000);
        assertThat(withdrawals.balanceMsat(lost.id())).isZero();
        assertThat(topUps.forCard(replacement.id(), 5))
                .extracting(CardTopUp::id)
                .contains(forLost.id());
        assertThat(toSuspense.state()).isEqualTo(TopUpState.SUSPENSE);
        assertThat(toSuspense.cardId()).isNull();
        assertThat(withdrawals.balanceMsat(retired.id())).isZero();
        assertThat(new SuspenseReceiptRepository(database.dsl()).findByKey("card-top-up-" + forRetired.id()))
                .hasValueSatisfying(receipt -> assertThat(receipt.amountMsat()).isEqualTo(4_000_000));
        assertThat(new SuspenseReceiptRepository(database.dsl()).openCustodialMsat() - suspenseBefore)
                .isEqualTo(4_000_000);
        assertThat(topUps.find(forRetired.id()).orElseThrow().note()).contains("suspense");
    }

    @Test
    void a_hash_of_no_top_up_is_not_one_and_links_open_for_an_hour_only() {
        Card card = active();

        assertThat(topUps.creditSettled(RandomIds.randomHex(32), 1_000, Instant.now()))
                .isEmpty();
        String fresh = topUps.openLink(card.id(), Instant.now());
        String old = topUps.openLink(
                card.id(), Instant.now().minus(CardTopUps.LINK_LIFETIME).minusSeconds(1));

        assertThat(topUps.link(fresh, Instant.now())).hasValueSatisfying(link -> {
            assertThat(link.cardId()).isEqualTo(card.id());
            assertThat(link.cardState()).isEqualTo(CardState.ACTIVE);
        });
        assertThat(topUps.link(old, Instant.now())).isEmpty();
        assertThat(topUps.link("not a token", Instant.now())).isEmpty();
        assertThat(topUps.link(RandomIds.randomHex(16), Instant.now())).isEmpty();
        assertThat(database.dsl()
                        .fetchCount(
                                database.dsl().selectFrom("card_top_up_link").where("token_hash = ?", fresh)))
                .as("only the token's hash is stored")
                .isZero();
    }

    @Test
    void a_manual_top_up_is_requested_with_its_audit_entry_once_and_credited_once_from_flash_s_expense() {
        Card card = active();
        NewManualTopUp request = manual(card, 7_000_000);
        long expenseBefore = manualExpense();

        CardTopUp first = topUps.requestManual(request, Instant.now());
        CardTopUp retried = topUps.requestManual(request, Instant.now());
        TopUpCredit credit = topUps.creditManual(request.id(), Instant.now());
        TopUpCredit again = topUps.creditManual(request.id(), Instant.now());

        assertThat(first.state()).isEqualTo(TopUpState.OPEN);
        assertThat(first.kind()).isEqualTo(TopUpKind.MANUAL);
        assertThat(first.reason()).isEqualTo("goodwill after a failed tap");
        assertThat(retried.id()).isEqualTo(first.id());
        assertThat(new AuditLogRepository(database.dsl())
                        .find(new AuditQuery("fiona", "card.top-up.request", null, null, 0, 100)))
                .filteredOn(entry -> card.id().equals(entry.targetId()))
                .singleElement()
                .satisfies(entry -> assertThat(entry.reason()).isEqualTo("goodwill after a failed tap"));
        assertThat(credit.state()).isEqualTo(TopUpState.CREDITED);
        assertThat(credit.again()).isFalse();
        assertThat(again.again()).isTrue();
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(7_000_000);
        assertThat(manualExpense() - expenseBefore).isEqualTo(7_000_000);
        assertThat(topUps.find(request.id()).orElseThrow().creditedMsat()).isEqualTo(7_000_000);
    }

    @Test
    void a_manual_top_up_not_approved_or_for_a_dead_card_books_nothing_and_a_lost_card_s_reaches_its_replacement() {
        Card rejectedFor = active();
        NewManualTopUp rejected = manual(rejectedFor, 1_000_000);
        topUps.requestManual(rejected, Instant.now());
        Card retired = active();
        NewManualTopUp forRetired = manual(retired, 2_000_000);
        topUps.requestManual(forRetired, Instant.now());
        lifecycle.change(change(retired, 2, CardState.ACTIVE, CardState.RETIRED, CardReason.PROGRAMME_ENDED));
        Card lost = active();
        Card replacement = pending();
        NewManualTopUp forLost = manual(lost, 3_000_000);
        topUps.requestManual(forLost, Instant.now());
        lifecycle.replace(change(lost, 2, CardState.ACTIVE, CardState.LOST, CardReason.LOST), replacement.id());
        long expenseBefore = manualExpense();

        CardTopUp cancelled = topUps.cancelManual(rejected.id(), "Rejected by tom: no reason to", Instant.now());
        TopUpCredit afterCancel = topUps.creditManual(rejected.id(), Instant.now());
        TopUpCredit dead = topUps.creditManual(forRetired.id(), Instant.now());
        TopUpCredit moved = topUps.creditManual(forLost.id(), Instant.now());

        assertThat(cancelled.state()).isEqualTo(TopUpState.CANCELLED);
        assertThat(cancelled.note()).isEqualTo("Rejected by tom: no reason to");
        assertThat(afterCancel.again())
                .as("a cancelled top-up is never credited")
                .isTrue();
        assertThat(afterCancel.state()).isEqualTo(TopUpState.CANCELLED);
        assertThat(dead.state()).isEqualTo(TopUpState.CANCELLED);
        assertThat(topUps.find(forRetired.id()).orElseThrow().note()).contains("nothing was booked");
        assertThat(moved.cardId()).isEqualTo(replacement.id());
        assertThat(withdrawals.balanceMsat(rejectedFor.id())).isZero();
        assertThat(withdrawals.balanceMsat(retired.id())).isZero();
        assertThat(withdrawals.balanceMsat(replacement.id())).isEqualTo(3_000_000);
        assertThat(manualExpense() - expenseBefore).isEqualTo(3_000_000);
    }

    private static NewManualTopUp manual(Card card, long msat) {
        return new NewManualTopUp(
                RandomIds.newId(), card.id(), msat, " goodwill after a failed tap ", "fiona", List.of("FINANCE"));
    }

    private static long manualExpense() {
        return ledger.accountBalance(ChartOfAccounts.CARD_MANUAL_TOP_UPS.code())
                .map(account -> account.balanceMsat().msat())
                .orElse(0L);
    }

    private static CardTopUp invoice(Card card, long msat) {
        return topUps.recordInvoice(
                new NewLightningTopUp(
                        card.id(),
                        msat,
                        RandomIds.randomHex(32),
                        "lnbcrt" + RandomIds.randomHex(20),
                        "lnd-test",
                        Instant.now().plusSeconds(600)),
                Instant.now());
    }

    private static long lightning() {
        return ledger.accountBalance(ChartOfAccounts.LIGHTNING_ASSETS.code())
                .map(account -> account.balanceMsat().msat())
                .orElse(0L);
    }

    private static CardChange change(Card card, int revision, CardState from, CardState to, CardReason reason) {
        return new CardChange(card.id(), revision, from, to, "sue", List.of("SUPPORT"), true, reason, "test");
    }

    private static Card active() {
        return new TestCards(cards, lifecycle).active(programme);
    }

    private static Card pending() {
        return new TestCards(cards, lifecycle).pending(programme);
    }
}
