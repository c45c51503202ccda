package com.flash.backoffice.workflows.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardTap;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Bolt Card's program and reset deeplink requests against cards in real MariaDB, with emulated NTAG424s. */
class CardProgrammingIT {

    private static final String LNURLW = "lnurlw://flash.example/boltcard";
    private static final HexFormat HEX = HexFormat.of();

    private static TestDatabase database;
    private static CardRepository cards;
    private static CardKeyVault vault;
    private static CardProgramming programming;
    private static CardTaps taps;
    private static byte[] issuerKey;
    private static CardProgramme programme;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("card_programming_it");
        cards = new CardRepository(database.dsl());
        vault = new CardKeyVault(HEX.parseHex("33".repeat(32)));
        programming = new CardProgramming(cards, vault);
        taps = new CardTaps(cards, vault);
        issuerKey = CardKeyVault.newIssuerKey();
        String id = RandomIds.newId();
        programme = cards.createProgramme(new NewCardProgramme(
                id, "Programming " + id, vault.seal(id, issuerKey), 50_000_000, 200_000_000, null, 30, "fiona"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @Test
    void a_blank_ntag424_gets_its_deterministic_keys_once_and_then_taps_with_them() {
        Card card = issued();
        String token = grant(card);
        byte[] uid = BoltCardEmulator.fresh(issuerKey).uid();

        ProgrammingAnswer answer = programming.program(token, HEX.formatHex(uid), LNURLW, Instant.now());

        CardKeys expected = CardKeyDerivation.keys(issuerKey, uid, 0);
        assertThat(answer)
                .isEqualTo(new ProgrammingAnswer.Keys(
                        LNURLW,
                        expected.hex(expected.k0()),
                        expected.hex(expected.k1()),
                        expected.hex(expected.k2()),
                        expected.hex(expected.k3()),
                        expected.hex(expected.k4())));
        assertThat(answer.toString()).doesNotContain(expected.hex(expected.k0()));
        Card programmed = cards.findById(card.id()).orElseThrow();
        assertThat(programmed.state()).isEqualTo(CardState.ACTIVATION_PENDING);
        assertThat(programmed.cardKeyId()).isEqualTo(HEX.formatHex(CardKeyDerivation.id(issuerKey, uid)));
        assertThat(programming.program(token, HEX.formatHex(uid), LNURLW, Instant.now()))
                .as("the token is single-use")
                .isEqualTo(
                        new ProgrammingAnswer.Refused(404, "Unknown or expired programming link: ask for a new one"));

        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        BoltCardEmulator written = new BoltCardEmulator(issuerKey, uid, 0, 0);
        BoltCardEmulator.Tap tap = written.tap();
        assertThat(taps.tap(tap.p(), tap.c())).isInstanceOf(TapOutcome.Accepted.class);
    }

    @Test
    void the_same_ntag424_programmed_again_gets_the_next_version_and_its_counter_starts_again() {
        Card card = issued();
        byte[] uid = BoltCardEmulator.fresh(issuerKey).uid();
        programming.program(grant(card), HEX.formatHex(uid), LNURLW, Instant.now());
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        BoltCardEmulator first = new BoltCardEmulator(issuerKey, uid, 0, 0);
        for (int i = 0; i < 3; i++) {
            BoltCardEmulator.Tap tap = first.tap();
            taps.tap(tap.p(), tap.c());
        }

        ProgrammingAnswer again = programming.program(grant(card), HEX.formatHex(uid), LNURLW, Instant.now());

        CardKeys next = CardKeyDerivation.keys(issuerKey, uid, 1);
        assertThat(((ProgrammingAnswer.Keys) again).k2()).isEqualTo(next.hex(next.k2()));
        assertThat(cards.findById(card.id()).orElseThrow().version()).isEqualTo(1);
        BoltCardEmulator rewritten = new BoltCardEmulator(issuerKey, uid, 1, 0);
        BoltCardEmulator.Tap fromZero = rewritten.tap();
        assertThat(taps.tap(fromZero.p(), fromZero.c()))
                .as("counter 1 is new again for version 1")
                .isInstanceOf(TapOutcome.Accepted.class);
    }

    @Test
    void a_uid_of_another_card_an_expired_link_and_a_bad_uid_are_refused_and_write_nothing() {
        Card taken = issued();
        byte[] uid = BoltCardEmulator.fresh(issuerKey).uid();
        programming.program(grant(taken), HEX.formatHex(uid), LNURLW, Instant.now());
        Card other = issued();
        String token = grant(other);

        assertThat(programming.program(token, HEX.formatHex(uid), LNURLW, Instant.now()))
                .isEqualTo(new ProgrammingAnswer.Refused(
                        409, "This NTAG424 is already another Flash card of this programme: reset it first"));
        assertThat(programming.program(token, "04ab", LNURLW, Instant.now()))
                .isEqualTo(new ProgrammingAnswer.Refused(400, "UID must be 7 bytes (14 hexadecimal characters)"));
        assertThat(programming.program(token, "zz".repeat(7), LNURLW, Instant.now()))
                .isInstanceOf(ProgrammingAnswer.Refused.class);
        assertThat(programming.program(
                        token, HEX.formatHex(uid), LNURLW, Instant.now().plus(Duration.ofHours(2))))
                .as("expired")
                .isEqualTo(
                        new ProgrammingAnswer.Refused(404, "Unknown or expired programming link: ask for a new one"));
        assertThat(cards.findById(other.id()).orElseThrow().cardKeyId()).isNull();

        byte[] blank = BoltCardEmulator.fresh(issuerKey).uid();
        assertThat(programming.program(token, HEX.formatHex(blank), LNURLW, Instant.now()))
                .as("the refusals left the token usable")
                .isInstanceOf(ProgrammingAnswer.Keys.class);
    }

    @Test
    void a_retired_card_is_wiped_with_a_genuine_tap_once_and_an_active_one_not_at_all() {
        Card card = issued();
        byte[] uid = BoltCardEmulator.fresh(issuerKey).uid();
        programming.program(grant(card), HEX.formatHex(uid), LNURLW, Instant.now());
        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        BoltCardEmulator ntag = new BoltCardEmulator(issuerKey, uid, 0, 0);
        BoltCardEmulator.Tap whileActive = ntag.tap();

        assertThat(programming.reset(grant(card), LNURLW + "?" + whileActive.query(), LNURLW, Instant.now()))
                .isEqualTo(new ProgrammingAnswer.Refused(409, "Only a retired card is wiped: retire it first"));
        cards.move(card.id(), CardState.ACTIVE, CardState.RETIRED);
        String token = grant(card);
        BoltCardEmulator.Tap forged = ntag.tapAt(7);
        String badMac = LNURLW + "?p=" + forged.p() + "&c=" + "0".repeat(16);
        assertThat(programming.reset(token, badMac, LNURLW, Instant.now()))
                .isEqualTo(new ProgrammingAnswer.Refused(409, "The card's signature is not valid"));
        assertThat(programming.reset(token, "lnurlw://flash.example/boltcard", LNURLW, Instant.now()))
                .isEqualTo(new ProgrammingAnswer.Refused(400, "LNURLW must be the card's URL with its p and c"));
        BoltCardEmulator.Tap wipe = ntag.tap();

        ProgrammingAnswer keys = programming.reset(token, LNURLW + "?" + wipe.query(), LNURLW, Instant.now());

        CardKeys current = CardKeyDerivation.keys(issuerKey, uid, 0);
        assertThat(((ProgrammingAnswer.Keys) keys).k0()).isEqualTo(current.hex(current.k0()));
        assertThat(cards.taps(card.id(), 1)).extracting(CardTap::state).containsExactly("RESET");
        assertThat(programming.reset(grant(card), LNURLW + "?" + wipe.query(), LNURLW, Instant.now()))
                .as("the same tap wipes nothing twice")
                .isEqualTo(new ProgrammingAnswer.Refused(409, "This tap was already used: tap the card again"));
        assertThat(cards.findById(card.id()).orElseThrow().state())
                .as("retired for good, history kept")
                .isEqualTo(CardState.RETIRED);
    }

    private static Card issued() {
        return cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
    }

    private static String grant(Card card) {
        String token = RandomIds.randomHex(24);
        assertThat(cards.grantProgrammingToken(
                        card.id(),
                        CardProgramming.tokenHash(token),
                        Instant.now().plus(Duration.ofHours(1))))
                .isTrue();
        return token;
    }
}
