package com.flash.backoffice.workflows.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardTap;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Taps of emulated Bolt Cards verified end to end against programmes and cards in real MariaDB. */
class CardTapsIT {

    private static final byte[] MASTER_KEY = HexFormat.of().parseHex("11".repeat(32));

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardKeyVault vault;
    private static CardTaps taps;
    private static byte[] issuerKey;
    private static CardProgramme programme;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_taps_it");
        cards = new CardRepository(database.dsl());
        vault = new CardKeyVault(MASTER_KEY);
        taps = new CardTaps(cards, vault);
        issuerKey = CardKeyVault.newIssuerKey();
        programme = programme(issuerKey);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_genuine_tap_is_accepted_once_and_its_replay_equal_and_stale_counters_are_refused() {
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 0);

        BoltCardEmulator.Tap first = emulator.tap();
        TapOutcome accepted = taps.tap(first.p(), first.c());
        BoltCardEmulator.Tap second = emulator.tap();

        assertThat(accepted).isInstanceOf(TapOutcome.Accepted.class);
        assertThat(((TapOutcome.Accepted) accepted).card().id()).isEqualTo(card.id());
        assertThat(taps.tap(first.p(), first.c()))
                .isEqualTo(new TapOutcome.Refused("This tap was already used: tap the card again"));
        assertThat(taps.tap(first.p().toLowerCase(), first.c().toLowerCase()))
                .as("hex in either case, still the same tap")
                .isInstanceOf(TapOutcome.Refused.class);
        assertThat(taps.tap(second.p(), second.c())).isInstanceOf(TapOutcome.Accepted.class);
        BoltCardEmulator.Tap stale = emulator.tapAt(1);
        assertThat(taps.tap(stale.p(), stale.c())).isInstanceOf(TapOutcome.Refused.class);
        assertThat(cards.findById(card.id()).orElseThrow().counter()).isEqualTo(2);
    }

    @Test
    void a_forged_mac_a_card_of_another_issuer_and_an_unknown_card_are_refused_and_logged() {
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 0);
        BoltCardEmulator.Tap tap = emulator.tap();
        String forged = (tap.c().charAt(0) == 'A' ? "B" : "A") + tap.c().substring(1);

        assertThat(taps.tap(tap.p(), forged)).isEqualTo(new TapOutcome.Refused("The card's signature is not valid"));
        BoltCardEmulator stranger = BoltCardEmulator.fresh(CardKeyVault.newIssuerKey());
        BoltCardEmulator.Tap strange = stranger.tap();
        assertThat(taps.tap(strange.p(), strange.c())).isEqualTo(new TapOutcome.Refused("Unknown card"));
        BoltCardEmulator unprogrammed = BoltCardEmulator.fresh(issuerKey);
        BoltCardEmulator.Tap unknown = unprogrammed.tap();
        assertThat(taps.tap(unknown.p(), unknown.c())).isEqualTo(new TapOutcome.Refused("Unknown card"));

        assertThat(cards.findById(card.id()).orElseThrow().counter())
                .as("a forged tap moves nothing")
                .isZero();
        assertThat(cards.taps(card.id(), 5)).extracting(CardTap::reason).containsExactly("NOT_AUTHENTIC");
        assertThat(taps.tap(tap.p(), tap.c()))
                .as("the genuine tap still works")
                .isInstanceOf(TapOutcome.Accepted.class);
    }

    @Test
    void the_old_versions_keys_stop_working_when_the_card_is_programmed_again() {
        BoltCardEmulator before = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(before, 0);
        BoltCardEmulator.Tap first = before.tap();
        assertThat(taps.tap(first.p(), first.c())).isInstanceOf(TapOutcome.Accepted.class);

        cards.programmed(card.id(), card.cardKeyId(), 1);
        BoltCardEmulator after = new BoltCardEmulator(issuerKey, before.uid(), 1, 0);

        BoltCardEmulator.Tap old = before.tapAt(5);
        assertThat(taps.tap(old.p(), old.c())).isEqualTo(new TapOutcome.Refused("The card's signature is not valid"));
        BoltCardEmulator.Tap fresh = after.tap();
        assertThat(taps.tap(fresh.p(), fresh.c())).isInstanceOf(TapOutcome.Accepted.class);
    }

    @Test
    void parameters_of_the_wrong_length_or_not_hex_are_malformed_and_log_nothing() {
        long before = database.dsl().fetchCount(database.dsl().selectFrom("card_tap"));

        assertThat(taps.tap("00", "0011223344556677"))
                .isEqualTo(new TapOutcome.Malformed("p must be 32 hexadecimal characters"));
        assertThat(taps.tap("Z".repeat(32), "0011223344556677")).isInstanceOf(TapOutcome.Malformed.class);
        assertThat(taps.tap("0".repeat(32), "001122"))
                .isEqualTo(new TapOutcome.Malformed("c must be 16 hexadecimal characters"));
        assertThat(taps.tap(null, null)).isInstanceOf(TapOutcome.Malformed.class);

        assertThat(database.dsl().fetchCount(database.dsl().selectFrom("card_tap")))
                .isEqualTo(before);
    }

    @Test
    void a_sealed_issuer_key_opens_only_with_its_master_key_and_for_its_programme() {
        byte[] key = CardKeyVault.newIssuerKey();
        byte[] sealed = vault.seal("programme-a", key);

        assertThat(vault.open("programme-a", sealed)).isEqualTo(key);
        assertThat(sealed).hasSize(44);
        assertThatThrownBy(() -> vault.open("programme-b", sealed)).hasMessageContaining("does not open");
        assertThatThrownBy(() -> new CardKeyVault(HexFormat.of().parseHex("22".repeat(32))).open("programme-a", sealed))
                .hasMessageContaining("does not open with this FLASH_CARD_MASTER_KEY");
        assertThatThrownBy(() -> new CardKeyVault(new byte[16])).hasMessageContaining("32 bytes");
        assertThat(vault.toString()).doesNotContain("11");
    }

    @Test
    void a_programme_whose_k1_happens_to_open_p_does_not_hide_the_cards_own_programme() {
        BoltCardEmulator emulator = BoltCardEmulator.fresh(issuerKey);
        Card card = activeCard(emulator, 0);
        BoltCardEmulator.Tap tap = emulator.tap();
        byte[] p = HexFormat.of().parseHex(tap.p());
        byte[] colliding;
        do {
            colliding = CardKeyVault.newIssuerKey();
        } while (SunMessages.open(CardKeyDerivation.k1(colliding), p).isEmpty());
        String id = RandomIds.newId();
        // named to be tried first: its K1 opens p into a UID that is no card of its own
        cards.createProgramme(new NewCardProgramme(
                id, "0 collision " + id, vault.seal(id, colliding), 50_000_000, 200_000_000, null, 30, "fiona"));

        TapOutcome outcome = taps.tap(tap.p(), tap.c());

        assertThat(outcome).isInstanceOf(TapOutcome.Accepted.class);
        assertThat(((TapOutcome.Accepted) outcome).card().id()).isEqualTo(card.id());
    }

    @Test
    void a_card_of_a_programme_created_after_the_programmes_were_read_is_found() {
        BoltCardEmulator first = BoltCardEmulator.fresh(issuerKey);
        activeCard(first, 0);
        BoltCardEmulator.Tap warm = first.tap();
        assertThat(taps.tap(warm.p(), warm.c())).isInstanceOf(TapOutcome.Accepted.class);

        byte[] laterKey = CardKeyVault.newIssuerKey();
        CardProgramme later = programme(laterKey);
        BoltCardEmulator emulator = BoltCardEmulator.fresh(laterKey);
        Card card = cards.issueBatch(later.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        cards.programmed(card.id(), HexFormat.of().formatHex(CardKeyDerivation.id(laterKey, emulator.uid())), 0);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        BoltCardEmulator.Tap tap = emulator.tap();

        TapOutcome outcome = taps.tap(tap.p(), tap.c());

        assertThat(outcome).isInstanceOf(TapOutcome.Accepted.class);
        assertThat(((TapOutcome.Accepted) outcome).card().id()).isEqualTo(card.id());
    }

    private static CardProgramme programme(byte[] key) {
        String id = RandomIds.newId();
        return cards.createProgramme(new NewCardProgramme(
                id, "Tap test " + id, vault.seal(id, key), 50_000_000, 200_000_000, null, 30, "fiona"));
    }

    private static Card activeCard(BoltCardEmulator emulator, int version) {
        Card card = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
        String keyId = HexFormat.of().formatHex(CardKeyDerivation.id(issuerKey, emulator.uid()));
        cards.programmed(card.id(), keyId, version);
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        return cards.findById(card.id()).orElseThrow();
    }
}
