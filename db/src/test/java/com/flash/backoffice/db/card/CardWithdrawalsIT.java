package com.flash.backoffice.db.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.Concurrently;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A tap's money on real MariaDB: limits at their edges, the balance from the ledger, one k1 one payment. */
class CardWithdrawalsIT {

    private static final long SAT = 1_000;

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardWithdrawals withdrawals;
    private static LedgerRepository ledger;
    private static CardProgramme programme;
    private int counter;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_withdrawals_it");
        cards = new CardRepository(database.dsl());
        withdrawals = new CardWithdrawals(database.dsl());
        ledger = new LedgerRepository(database.dsl());
        programme = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Limits " + RandomIds.newId(),
                new byte[44],
                50_000 * SAT,
                200_000 * SAT,
                null,
                30,
                "fiona"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_tap_reserves_its_amount_once_and_its_payment_books_it_out_of_flashs_node() {
        Card card = cardWith(100_000 * SAT);
        String k1 = tap(card);
        long lightningBefore = balance(ChartOfAccounts.LIGHTNING_ASSETS.code());

        WithdrawalStart started = start(k1, 30_000 * SAT, Instant.now());

        assertThat(started).isInstanceOf(WithdrawalStart.Started.class);
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(70_000 * SAT);
        assertThat(start(k1, 1 * SAT, Instant.now()))
                .isEqualTo(new WithdrawalStart.Refused("Unknown or already used k1"));
        long tapId = ((WithdrawalStart.Started) started).tapId();
        withdrawals.paid(tapId, 2 * SAT, Instant.now());
        withdrawals.paid(tapId, 2 * SAT, Instant.now());

        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(70_000 * SAT);
        assertThat(balance(ChartOfAccounts.cardPending(card.id()).code())).isZero();
        assertThat(balance(ChartOfAccounts.LIGHTNING_ASSETS.code()))
                .as("once, with its fee")
                .isEqualTo(lightningBefore - 30_002 * SAT);
        assertThat(cards.taps(card.id(), 1).getFirst().state()).isEqualTo("PAID");
    }

    @Test
    void the_per_tap_and_daily_limits_hold_at_their_edges_with_the_current_tap_counted() {
        Card card = cardWith(300_000 * SAT);

        assertThat(start(tap(card), 50_000 * SAT + 1, Instant.now()))
                .isEqualTo(new WithdrawalStart.Refused("Above the card's limit of 50,000 sat per payment"));
        for (int i = 0; i < 4; i++) {
            assertThat(start(tap(card), 50_000 * SAT, Instant.now()))
                    .as("tap %d of 50,000 sat: 200,000 sat a day is allowed", i + 1)
                    .isInstanceOf(WithdrawalStart.Started.class);
        }
        assertThat(withdrawals.maxWithdrawableMsat(card.id(), Instant.now())).isZero();
        assertThat(start(tap(card), 1, Instant.now()))
                .isEqualTo(new WithdrawalStart.Refused("Above the card's daily limit: 0 sat left of 200,000 sat"));
        assertThat(withdrawals.maxWithdrawableMsat(card.id(), Instant.now().plusSeconds(24 * 3600 + 60)))
                .as("a rolling day later the day's limit is free again; the per-tap limit still holds")
                .isEqualTo(50_000 * SAT);
    }

    @Test
    void a_failed_tap_returns_its_amount_and_does_not_use_up_the_day() {
        Card card = cardWith(400_000 * SAT);
        WithdrawalStart.Started big = (WithdrawalStart.Started) start(tap(card), 50_000 * SAT, Instant.now());
        for (int i = 0; i < 3; i++) {
            start(tap(card), 50_000 * SAT, Instant.now());
        }
        assertThat(withdrawals.maxWithdrawableMsat(card.id(), Instant.now())).isZero();

        withdrawals.failed(big.tapId(), "NO_ROUTE", Instant.now());

        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(250_000 * SAT);
        assertThat(withdrawals.maxWithdrawableMsat(card.id(), Instant.now())).isEqualTo(50_000 * SAT);
        assertThat(start(tap(card), 50_000 * SAT, Instant.now())).isInstanceOf(WithdrawalStart.Started.class);
        assertThat(cards.taps(card.id(), 10)).extracting(CardTap::state).contains("FAILED");
    }

    @Test
    void a_refusal_writes_nothing_and_the_k1_stays_usable() {
        Card card = cardWith(10_000 * SAT);
        String k1 = tap(card);

        assertThat(start(k1, 10_001 * SAT, Instant.now()))
                .isEqualTo(new WithdrawalStart.Refused("Not enough balance on the card: 10,000 sat"));
        assertThat(start(k1, 0, Instant.now())).isEqualTo(new WithdrawalStart.Refused("The invoice needs an amount"));
        assertThat(start("0".repeat(64), 1, Instant.now()))
                .isEqualTo(new WithdrawalStart.Refused("Unknown or already used k1"));
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(10_000 * SAT);

        assertThat(start(k1, 10_000 * SAT, Instant.now())).isInstanceOf(WithdrawalStart.Started.class);
    }

    @Test
    void an_old_tap_a_frozen_card_and_two_taps_racing_for_one_balance_are_refused() throws Exception {
        Card card = cardWith(40_000 * SAT);
        String late = tap(card);
        assertThat(start(
                        late,
                        1,
                        Instant.now().plus(CardWithdrawals.OFFER_LIFETIME).plusSeconds(1)))
                .isEqualTo(new WithdrawalStart.Refused("This tap expired: tap the card again"));

        String first = tap(card);
        String second = tap(card);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<WithdrawalStart> racing = Concurrently.run(
                2, () -> start(next.getAndIncrement() == 0 ? first : second, 30_000 * SAT, Instant.now()));
        assertThat(racing)
                .as("40,000 sat pay one tap of 30,000 sat, never two")
                .filteredOn(WithdrawalStart.Started.class::isInstance)
                .hasSize(1);
        assertThat(racing)
                .filteredOn(WithdrawalStart.Refused.class::isInstance)
                .singleElement()
                .isEqualTo(new WithdrawalStart.Refused("Not enough balance on the card: 10,000 sat"));
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(10_000 * SAT);

        String afterFreeze = tap(card);
        cards.move(card.id(), CardState.ACTIVE, CardState.FROZEN);
        assertThat(start(afterFreeze, 1, Instant.now())).isEqualTo(new WithdrawalStart.Refused("The card is frozen"));
    }

    @Test
    void a_tap_still_being_paid_is_found_with_its_invoice_so_its_payment_can_be_started_again() {
        Card card = cardWith(10_000 * SAT);
        WithdrawalStart.Started paying = (WithdrawalStart.Started) start(tap(card), 4_000 * SAT, Instant.now());

        assertThat(withdrawals.payingSince(Instant.now().plusSeconds(1), 100))
                .contains(new PayingTap(
                        paying.tapId(),
                        card.id(),
                        paying.paymentId(),
                        "lnbcrt-test-invoice",
                        4_000 * SAT,
                        10_000,
                        null));
        assertThat(withdrawals.payingSince(Instant.now().minusSeconds(60), 100))
                .extracting(PayingTap::tapId)
                .doesNotContain(paying.tapId());
        withdrawals.paid(paying.tapId(), 0, Instant.now());
        assertThat(withdrawals.payingSince(Instant.now().plusSeconds(1), 100))
                .extracting(PayingTap::tapId)
                .doesNotContain(paying.tapId());
    }

    @Test
    void two_cards_tapping_one_invoice_of_this_system_at_once_reserve_for_it_once() throws Exception {
        Merchant merchant = new MerchantRepository(database.dsl())
                .create(NewMerchant.withDefaults("Internal " + RandomIds.newId(), "EUR"));
        Invoice invoice = invoice(merchant, 5_000 * SAT);
        InternalInvoice internal = new InternalInvoice(invoice.id(), merchant.id());
        Card first = cardWith(10_000 * SAT);
        Card second = cardWith(10_000 * SAT);
        String firstK1 = tap(first);
        String secondK1 = tap(second);

        List<String> k1s = List.of(firstK1, secondK1);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        List<WithdrawalStart> starts = Concurrently.run(
                2,
                () -> withdrawals.start(
                        k1s.get(next.getAndIncrement()), 5_000 * SAT, "lnbcrt-shop", 0, internal, Instant.now()));

        assertThat(starts).filteredOn(WithdrawalStart.Started.class::isInstance).hasSize(1);
        assertThat(starts)
                .filteredOn(WithdrawalStart.Refused.class::isInstance)
                .singleElement()
                .isEqualTo(new WithdrawalStart.Refused(
                        "The invoice " + invoice.id() + " is already being paid by a Flash card"));
        assertThat(withdrawals.balanceMsat(first.id()) + withdrawals.balanceMsat(second.id()))
                .isEqualTo(15_000 * SAT);
        WithdrawalStart.Started started = (WithdrawalStart.Started) starts.stream()
                .filter(WithdrawalStart.Started.class::isInstance)
                .findFirst()
                .orElseThrow();
        assertThat(started.invoiceId()).isEqualTo(invoice.id());
        withdrawals.paidInternally(started.tapId(), Instant.now());
        assertThat(balance(ChartOfAccounts.cardPending(started.cardId()).code()))
                .as("the invoice's settlement, not the tap, takes the reservation to the merchant")
                .isEqualTo(5_000 * SAT);
    }

    @Test
    void cards_tapping_different_invoices_of_this_system_at_once_all_reserve_without_deadlocks() throws Exception {
        Merchant merchant = new MerchantRepository(database.dsl())
                .create(NewMerchant.withDefaults("Busy bar " + RandomIds.newId(), "EUR"));
        for (int round = 0; round < 5; round++) {
            List<Card> holders = new java.util.ArrayList<>();
            List<String> k1s = new java.util.ArrayList<>();
            List<InternalInvoice> invoices = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Card card = cardWith(10_000 * SAT);
                holders.add(card);
                k1s.add(tap(card));
                invoices.add(new InternalInvoice(invoice(merchant, 1_000 * SAT).id(), merchant.id()));
            }
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();

            List<WithdrawalStart> starts = Concurrently.run(8, () -> {
                int i = next.getAndIncrement();
                return withdrawals.start(k1s.get(i), 1_000 * SAT, "lnbcrt-bar", 0, invoices.get(i), Instant.now());
            });

            assertThat(starts).as("round " + round).allMatch(WithdrawalStart.Started.class::isInstance);
            assertThat(holders)
                    .allSatisfy(card ->
                            assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(9_000 * SAT));
        }
    }

    private static Invoice invoice(Merchant merchant, long msat) {
        Instant now = Instant.now();
        return new InvoiceRepository(database.dsl())
                .create(new NewInvoice(
                        merchant.id(),
                        msat,
                        "SATS",
                        null,
                        null,
                        null,
                        "{}",
                        SpeedPolicy.MEDIUM,
                        0,
                        100,
                        now,
                        now.plusSeconds(900),
                        now.plusSeconds(3_600)));
    }

    @Test
    void a_programme_with_an_allow_list_refuses_what_is_not_an_invoice_of_a_listed_merchant() {
        MerchantRepository merchants = new MerchantRepository(database.dsl());
        Merchant listed = merchants.create(NewMerchant.withDefaults("Listed " + RandomIds.newId(), "EUR"));
        CardProgramme festival = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Festival " + RandomIds.newId(),
                new byte[44],
                50_000 * SAT,
                200_000 * SAT,
                null,
                30,
                "fiona"));
        cards.allowMerchants(festival.id(), List.of(listed.id()));
        Card card = cards.issueBatch(festival.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), RandomIds.randomHex(16), 0);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        withdrawals.creditFromLightning(card.id(), 10_000 * SAT, "card-" + card.id() + "-top-up", "t", Instant.now());
        String k1 = ((TapAcceptance.Accepted) cards.acceptTap(card.id(), 1)).k1();

        assertThat(withdrawals.start(k1, 1_000 * SAT, "lnbcrt-anywhere", 10_000, Instant.now()))
                .isEqualTo(new WithdrawalStart.Refused("This card pays only at " + listed.name()));
        assertThat(cards.allowedMerchants(festival.id())).containsExactly(listed.id());
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(10_000 * SAT);
    }

    private Card cardWith(long msat) {
        return TestCards.funded(cards, withdrawals, programme, msat);
    }

    private String tap(Card card) {
        counter++;
        return ((TapAcceptance.Accepted) cards.acceptTap(card.id(), counter)).k1();
    }

    private static long balance(String code) {
        return ledger.accountBalance(code).map(a -> a.balanceMsat().msat()).orElse(0L);
    }

    /** A tap's callback with an invoice (the invoice itself is checked before, by the portal). */
    private static WithdrawalStart start(String k1, long msat, Instant now) {
        return withdrawals.start(k1, msat, "lnbcrt-test-invoice", 10_000, now);
    }
}
