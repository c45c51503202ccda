package com.flash.backoffice.db.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.Concurrently;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The tap log and the counter on real MariaDB: every counter is accepted once, whatever races it. */
class CardRepositoryIT {

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardProgramme programme;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_it");
        cards = new CardRepository(database.dsl());
        programme = cards.createProgramme(new NewCardProgramme(
                RandomIds.newId(),
                "Festival " + RandomIds.newId(),
                new byte[44],
                50_000_000,
                200_000_000,
                null,
                30,
                "fiona"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_batch_issues_one_card_per_activation_code_with_the_programmes_limits_in_the_codes_order() {
        List<String> codes = hashes(20);
        List<Card> batch = cards.issueBatch(programme.id(), codes, "fiona");

        for (int i = 0; i < codes.size(); i++) {
            assertThat(cards.findByActivationCode(codes.get(i))).contains(batch.get(i));
        }

        assertThat(batch).hasSize(20).allSatisfy(card -> {
            assertThat(card.state()).isEqualTo(CardState.ISSUED);
            assertThat(card.perTapLimitMsat()).isEqualTo(50_000_000);
            assertThat(card.dailyLimitMsat()).isEqualTo(200_000_000);
            assertThat(card.cardKeyId())
                    .as("no UID-derived ID before programming")
                    .isNull();
        });
        assertThat(batch)
                .extracting(Card::batchId)
                .containsOnly(batch.getFirst().batchId());
    }

    @Test
    void eight_taps_with_the_same_counter_at_the_same_moment_are_accepted_once() throws Exception {
        for (int round = 0; round < 5; round++) {
            Card card = activeCard();

            List<TapAcceptance> taps = Concurrently.run(8, () -> cards.acceptTap(card.id(), 7));

            assertThat(taps)
                    .filteredOn(TapAcceptance.Accepted.class::isInstance)
                    .hasSize(1);
            assertThat(taps)
                    .filteredOn(TapAcceptance.Refused.class::isInstance)
                    .hasSize(7)
                    .allSatisfy(tap ->
                            assertThat(((TapAcceptance.Refused) tap).refusal()).isEqualTo(TapRefusal.REPLAYED));
            assertThat(cards.findById(card.id()).orElseThrow().counter()).isEqualTo(7);
            assertThat(cards.taps(card.id(), 20)).hasSize(8);
        }
    }

    @Test
    void a_replayed_an_equal_and_a_stale_counter_are_refused_and_only_logged() {
        Card card = activeCard();
        TapAcceptance first = cards.acceptTap(card.id(), 5);
        assertThat(first).isInstanceOf(TapAcceptance.Accepted.class);
        String k1 = ((TapAcceptance.Accepted) first).k1();
        assertThat(k1).matches("[0-9a-f]{64}");

        assertThat(cards.acceptTap(card.id(), 5)).isInstanceOf(TapAcceptance.Refused.class);
        assertThat(cards.acceptTap(card.id(), 4)).isInstanceOf(TapAcceptance.Refused.class);
        assertThat(cards.acceptTap(card.id(), 0)).isInstanceOf(TapAcceptance.Refused.class);
        TapAcceptance next = cards.acceptTap(card.id(), 6);

        assertThat(next).isInstanceOf(TapAcceptance.Accepted.class);
        assertThat(((TapAcceptance.Accepted) next).k1()).isNotEqualTo(k1);
        assertThat(cards.findById(card.id()).orElseThrow().counter()).isEqualTo(6);
        assertThat(cards.taps(card.id(), 10))
                .extracting(CardTap::state)
                .containsExactly("OPEN", "REFUSED", "REFUSED", "REFUSED", "OPEN");
        assertThat(cards.taps(card.id(), 10))
                .filteredOn(tap -> tap.state().equals("REFUSED"))
                .extracting(CardTap::reason)
                .containsOnly("REPLAYED");
    }

    @Test
    void a_card_not_active_is_refused_with_its_reason_and_its_counter_stays() {
        Card card = activeCard();
        assertThat(cards.move(card.id(), CardState.ACTIVE, CardState.FROZEN)).isTrue();

        TapAcceptance frozen = cards.acceptTap(card.id(), 9);
        Card pending = cards.issueBatch(programme.id(), hashes(1), "fiona").getFirst();
        TapAcceptance notActivated = cards.acceptTap(pending.id(), 1);
        cards.move(card.id(), CardState.FROZEN, CardState.LOST);
        TapAcceptance dead = cards.acceptTap(card.id(), 10);

        assertThat(frozen).isEqualTo(new TapAcceptance.Refused(frozen.tapId(), TapRefusal.FROZEN));
        assertThat(notActivated).isEqualTo(new TapAcceptance.Refused(notActivated.tapId(), TapRefusal.NOT_ACTIVATED));
        assertThat(dead).isEqualTo(new TapAcceptance.Refused(dead.tapId(), TapRefusal.DEAD));
        assertThat(cards.findById(card.id()).orElseThrow().counter()).isZero();
        assertThat(cards.programmed(card.id(), RandomIds.randomHex(16), 1))
                .as("a lost card is never programmed again")
                .isFalse();
    }

    @Test
    void programming_again_raises_the_version_and_starts_the_counter_from_zero() {
        Card card = activeCard();
        cards.acceptTap(card.id(), 40);

        assertThat(cards.programmed(card.id(), card.cardKeyId(), 1)).isTrue();

        Card reprogrammed = cards.findById(card.id()).orElseThrow();
        assertThat(reprogrammed.version()).isEqualTo(1);
        assertThat(reprogrammed.counter()).isZero();
        assertThat(reprogrammed.state()).as("an active card stays active").isEqualTo(CardState.ACTIVE);
        assertThat(cards.acceptTap(card.id(), 1)).isInstanceOf(TapAcceptance.Accepted.class);
        assertThat(cards.findByKeyId(programme.id(), card.cardKeyId()))
                .contains(cards.findById(card.id()).orElseThrow());
    }

    private static Card activeCard() {
        Card card = cards.issueBatch(programme.id(), hashes(1), "fiona").getFirst();
        String keyId = RandomIds.randomHex(16);
        assertThat(cards.programmed(card.id(), keyId, 0)).isTrue();
        assertThat(cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE))
                .isTrue();
        return cards.findById(card.id()).orElseThrow();
    }

    private static List<String> hashes(int count) {
        return IntStream.range(0, count).mapToObj(i -> RandomIds.randomHex(32)).toList();
    }
}
