package com.flash.backoffice.db.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Card state changes on real MariaDB: once per revision, with timeline and audit; replacement moves the balance. */
class CardLifecycleIT {

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardLifecycle lifecycle;
    private static CardWithdrawals withdrawals;
    private static CardProgramme programme;
    private static CardProgramme otherProgramme;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_lifecycle_it");
        cards = new CardRepository(database.dsl());
        lifecycle = new CardLifecycle(database.dsl());
        withdrawals = new CardWithdrawals(database.dsl());
        programme = programme();
        otherProgramme = programme();
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_change_is_written_once_per_revision_with_its_timeline_row_and_audit_row() {
        Card card = pending(programme);
        CardChange activate = new CardChange(
                card.id(),
                1,
                CardState.ACTIVATION_PENDING,
                CardState.ACTIVE,
                "sue",
                List.of("SUPPORT"),
                true,
                CardReason.ACTIVATED_BY_SUPPORT,
                "checked the holder's ID");

        assertThat(lifecycle.change(activate)).isTrue();
        assertThat(lifecycle.change(activate))
                .as("a retry of the same revision")
                .isTrue();

        assertThat(cards.findById(card.id()).orElseThrow().state()).isEqualTo(CardState.ACTIVE);
        assertThat(cards.findById(card.id()).orElseThrow().activatedAt()).isNotNull();
        assertThat(lifecycle.events(card.id())).singleElement().satisfies(event -> {
            assertThat(event.actor()).isEqualTo("sue");
            assertThat(event.reason()).isEqualTo(CardReason.ACTIVATED_BY_SUPPORT);
        });
        assertThat(database.dsl()
                        .fetchCount(database.dsl()
                                .selectFrom("audit_log")
                                .where("target_id = ? and action = 'card.active'", card.id())))
                .isEqualTo(1);
        assertThat(lifecycle.change(new CardChange(
                        card.id(),
                        2,
                        CardState.FROZEN,
                        CardState.ACTIVE,
                        "sue",
                        List.of("SUPPORT"),
                        true,
                        CardReason.RECOVERED,
                        null)))
                .as("not frozen: refused, nothing written")
                .isFalse();
        assertThat(lifecycle.events(card.id())).hasSize(1);
    }

    @Test
    void a_lost_card_moves_its_exact_balance_to_its_replacement_in_one_entry_and_is_dead() {
        Card lost = active(programme);
        Card replacement = pending(programme);
        withdrawals.creditFromLightning(lost.id(), 123_456_789, "card-" + lost.id() + "-top", "top-up", Instant.now());

        Optional<String> refused = lifecycle.replace(lostChange(lost), replacement.id());

        assertThat(refused).isEmpty();
        assertThat(withdrawals.balanceMsat(lost.id())).isZero();
        assertThat(withdrawals.balanceMsat(replacement.id())).isEqualTo(123_456_789);
        assertThat(database.dsl()
                        .fetchCount(database.dsl()
                                .selectFrom("ledger_entry")
                                .where("source_key = ?", "card-" + lost.id() + "-replaced")))
                .isEqualTo(1);
        Card dead = cards.findById(lost.id()).orElseThrow();
        assertThat(dead.state()).isEqualTo(CardState.LOST);
        assertThat(dead.replacedBy()).isEqualTo(replacement.id());
        assertThat(cards.acceptTap(lost.id(), 99)).isInstanceOf(TapAcceptance.Refused.class);
        assertThat(lifecycle.replace(lostChange(lost), replacement.id()))
                .as("a retry")
                .isEmpty();
        assertThat(withdrawals.balanceMsat(replacement.id())).isEqualTo(123_456_789);
    }

    @Test
    void a_replacement_of_another_programme_itself_or_a_dead_card_is_refused_and_nothing_moves() {
        Card lost = active(programme);
        withdrawals.creditFromLightning(lost.id(), 5_000, "card-" + lost.id() + "-top", "top-up", Instant.now());
        Card foreign = pending(otherProgramme);
        Card dead = active(programme);
        lifecycle.change(new CardChange(
                dead.id(),
                2,
                CardState.ACTIVE,
                CardState.RETIRED,
                "sue",
                List.of("SUPPORT"),
                true,
                CardReason.DAMAGED,
                null));

        assertThat(lifecycle.replace(lostChange(lost), foreign.id()))
                .contains("The replacement must be a card of the same programme");
        assertThat(lifecycle.replace(lostChange(lost), lost.id())).contains("A card cannot replace itself");
        assertThat(lifecycle.replace(lostChange(lost), dead.id())).contains("The replacement card is retired");

        assertThat(cards.findById(lost.id()).orElseThrow().state()).isEqualTo(CardState.ACTIVE);
        assertThat(withdrawals.balanceMsat(lost.id())).isEqualTo(5_000);
        assertThat(lifecycle.events(lost.id())).hasSize(1);
    }

    private static CardChange lostChange(Card card) {
        return new CardChange(
                card.id(),
                2,
                CardState.ACTIVE,
                CardState.LOST,
                "sue",
                List.of("SUPPORT"),
                true,
                CardReason.LOST,
                "holder called");
    }

    private static Card active(CardProgramme in) {
        return new TestCards(cards, lifecycle).active(in);
    }

    private static Card pending(CardProgramme in) {
        return new TestCards(cards, lifecycle).pending(in);
    }

    private static CardProgramme programme() {
        return cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Lifecycle " + RandomIds.newId(),
                new byte[44],
                50_000_000,
                200_000_000,
                null,
                30,
                "fiona"));
    }
}
