package com.flash.backoffice.db.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PINs on real MariaDB: needed at and above the programme's PIN limit, stored hashed, three wrong ones lock the card,
 * a right one clears the count, SUPPORT's unfreeze gives the tries back; a wrong PIN reserves nothing.
 */
class CardPinsIT {

    private static final long SAT = 1_000;
    private static final long PIN_LIMIT = 10_000 * SAT;

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardWithdrawals withdrawals;
    private static CardPins pins;
    private static CardLifecycle lifecycle;
    private static CardProgramme programme;
    private int counter;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_pins_it");
        cards = new CardRepository(database.dsl());
        withdrawals = new CardWithdrawals(database.dsl());
        pins = new CardPins(database.dsl());
        lifecycle = new CardLifecycle(database.dsl());
        programme = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "PINs " + RandomIds.newId(),
                new byte[44],
                50_000 * SAT,
                200_000 * SAT,
                PIN_LIMIT,
                30,
                "fiona"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void below_the_limit_no_pin_is_asked_at_it_the_right_pin_pays_and_only_a_hash_is_stored() {
        Card card = cardWith(100_000 * SAT);
        pins.set(card.id(), "4711");

        assertThat(start(tap(card), PIN_LIMIT - SAT, null)).isInstanceOf(WithdrawalStart.Started.class);
        assertThat(start(tap(card), PIN_LIMIT, null))
                .isEqualTo(new WithdrawalStart.Refused("Enter the card's PIN: payments of 10,000 sat or more need it"));
        assertThat(start(tap(card), PIN_LIMIT, "4711")).isInstanceOf(WithdrawalStart.Started.class);
        String stored = database.dsl()
                .fetchValue("select pin_hash from card where id = ?", card.id())
                .toString();
        assertThat(stored).startsWith("pbkdf2-sha256$100000$").doesNotContain("4711");
        assertThat(CardPins.matches("4711", stored)).isTrue();
        assertThat(CardPins.matches("4712", stored)).isFalse();
        assertThat(CardPins.hash("4711")).as("salted").isNotEqualTo(stored);
    }

    @Test
    void three_wrong_pins_lock_the_card_a_right_one_in_between_clears_the_count_and_unfreezing_gives_tries_back() {
        Card card = cardWith(100_000 * SAT);
        pins.set(card.id(), "123456");
        String k1 = tap(card);

        assertThat(start(k1, PIN_LIMIT, "000000"))
                .isEqualTo(new WithdrawalStart.WrongPin(card.id(), "Wrong PIN: 2 tries left", false));
        assertThat(start(k1, PIN_LIMIT, "123456"))
                .as("the k1 stays open after a wrong PIN, and the right one clears the count")
                .isInstanceOf(WithdrawalStart.Started.class);
        assertThat(failures(card)).isZero();
        String next = tap(card);
        assertThat(start(next, PIN_LIMIT, "1")).isInstanceOf(WithdrawalStart.WrongPin.class);
        assertThat(start(next, PIN_LIMIT, "2"))
                .isEqualTo(new WithdrawalStart.WrongPin(card.id(), "Wrong PIN: 1 try left", false));
        assertThat(start(next, PIN_LIMIT, "3"))
                .isEqualTo(new WithdrawalStart.WrongPin(
                        card.id(), "Wrong PIN: the card is locked; contact support", true));
        long balance = withdrawals.balanceMsat(card.id());

        assertThat(start(next, PIN_LIMIT, "123456"))
                .isEqualTo(new WithdrawalStart.Refused("The card is locked after 3 wrong PINs: contact support"));
        assertThat(start(tap(card), SAT, null))
                .as("locked for small payments too")
                .isInstanceOf(WithdrawalStart.Refused.class);
        assertThat(withdrawals.balanceMsat(card.id())).as("nothing reserved").isEqualTo(balance);
        assertThat(cards.taps(card.id(), 10))
                .anySatisfy(tap -> assertThat(tap.reason()).isEqualTo("Wrong PIN (3 of 3)"));

        lifecycle.change(change(card, 2, CardState.ACTIVE, CardState.FROZEN, CardReason.PIN_LOCKED));
        lifecycle.change(change(card, 3, CardState.FROZEN, CardState.ACTIVE, CardReason.RECOVERED));

        assertThat(failures(card)).isZero();
        assertThat(start(tap(card), PIN_LIMIT, "123456")).isInstanceOf(WithdrawalStart.Started.class);
    }

    @Test
    void a_card_without_a_pin_pays_below_the_limit_only_and_a_pin_has_four_to_six_digits() {
        Card card = cardWith(100_000 * SAT);

        assertThat(start(tap(card), PIN_LIMIT - SAT, null)).isInstanceOf(WithdrawalStart.Started.class);
        assertThat(start(tap(card), PIN_LIMIT, "1234"))
                .isEqualTo(
                        new WithdrawalStart.Refused(
                                "Payments of 10,000 sat or more need a PIN and this card has none: pay less or contact support"));
        assertThat(List.of("", "123", "1234567", "12a4", " 1234", "١٢٣٤"))
                .allSatisfy(bad -> assertThat(CardPins.problem(bad)).hasValue("A PIN has 4 to 6 digits"));
        assertThat(CardPins.problem(null)).isPresent();
        assertThat(CardPins.problem("0000")).isEmpty();
        assertThatThrownBy(() -> pins.set(card.id(), "12")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_holder_chooses_a_pin_once_on_the_balance_page_a_fresh_tap_opened_and_support_can_clear_it() {
        Card card = cardWith(100_000 * SAT);
        Instant now = Instant.now();
        String paying = tap(card);
        String balancePage = balancePage(card, now);

        assertThat(pins.chooseOnBalancePage(paying, "2468", now))
                .as("a payment's k1 is not a balance page")
                .hasValue("This page is no longer valid: tap the card again to choose its PIN");
        assertThat(pins.chooseOnBalancePage("00".repeat(16), "2468", now)).isPresent();
        assertThat(pins.chooseOnBalancePage(balancePage, "24", now)).hasValue("A PIN has 4 to 6 digits");
        assertThat(pins.chooseOnBalancePage(
                        balancePage,
                        "2468",
                        now.plus(CardWithdrawals.OFFER_LIFETIME).plusSeconds(1)))
                .hasValue("This page expired: tap the card again to choose its PIN");
        assertThat(stored(card)).as("nothing written on a refusal").isNull();

        assertThat(pins.chooseOnBalancePage(balancePage, "2468", now)).isEmpty();
        assertThat(start(tap(card), PIN_LIMIT, "2468")).isInstanceOf(WithdrawalStart.Started.class);
        String hash = stored(card);
        assertThat(pins.chooseOnBalancePage(balancePage(card, now), "1357", now))
                .hasValue("The card has a PIN already: SUPPORT can clear a forgotten one");
        assertThat(stored(card))
                .as("a chosen PIN is not replaced from a balance page")
                .isEqualTo(hash);

        assertThat(pins.clear(card.id(), "sue", List.of("SUPPORT"), "holder forgot it; ID checked at the desk"))
                .isTrue();
        assertThat(stored(card)).isNull();
        assertThat(pins.clear(card.id(), "sue", List.of("SUPPORT"), "again"))
                .as("no PIN to clear")
                .isFalse();
        assertThat(database.dsl()
                        .fetchCount(database.dsl()
                                .selectFrom("audit_log")
                                .where("action = 'card.pin.clear' and target_id = ?", card.id())))
                .as("one audit entry, for the clear that happened")
                .isEqualTo(1);
        assertThat(pins.chooseOnBalancePage(balancePage(card, now), "1357", now))
                .isEmpty();
        assertThat(start(tap(card), PIN_LIMIT, "1357")).isInstanceOf(WithdrawalStart.Started.class);
    }

    @Test
    void a_frozen_card_chooses_no_pin() {
        Card card = cardWith(100_000 * SAT);
        Instant now = Instant.now();
        String page = balancePage(card, now);
        lifecycle.change(change(card, 2, CardState.ACTIVE, CardState.FROZEN, CardReason.HOLDER_REQUEST));

        assertThat(pins.chooseOnBalancePage(page, "2468", now)).isPresent();
        assertThat(stored(card)).isNull();
    }

    private String balancePage(Card card, Instant now) {
        counter++;
        TapAcceptance.Accepted accepted = (TapAcceptance.Accepted) cards.acceptTap(card.id(), counter);
        withdrawals.closeForBalance(accepted.tapId(), now);
        return accepted.k1();
    }

    private static String stored(Card card) {
        Object hash = database.dsl().fetchValue("select pin_hash from card where id = ?", card.id());
        return hash == null ? null : hash.toString();
    }

    private static int failures(Card card) {
        return cards.findById(card.id()).orElseThrow().pinFailures();
    }

    private Card cardWith(long msat) {
        return TestCards.funded(cards, withdrawals, programme, msat);
    }

    private String tap(Card card) {
        counter++;
        return ((TapAcceptance.Accepted) cards.acceptTap(card.id(), counter)).k1();
    }

    private static WithdrawalStart start(String k1, long msat, String pin) {
        return withdrawals.start(k1, msat, "lnbcrt-test-invoice", 10_000, null, pin, Instant.now());
    }

    private static CardChange change(Card card, int revision, CardState from, CardState to, CardReason reason) {
        return new CardChange(card.id(), revision, from, to, "sue", List.of("SUPPORT"), true, reason, null);
    }
}
