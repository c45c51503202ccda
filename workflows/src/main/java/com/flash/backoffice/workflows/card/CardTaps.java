package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.TapAcceptance;
import com.flash.backoffice.db.card.TapRefusal;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A tap's verification, in DETERMINISTIC.md's order: each programme's K1 is tried on {@code p} until one opens it
 * (PICC data tag 0xC7) into a UID whose derived ID is a card of that programme; its version gives K2, which must
 * produce {@code c}; then
 * the repository accepts the counter only if it is higher, in the update that issues the withdrawal's {@code k1}.
 */
public class CardTaps {

    private static final Pattern P = Pattern.compile("[0-9A-Fa-f]{32}");
    private static final Pattern C = Pattern.compile("[0-9A-Fa-f]{16}");
    private static final HexFormat HEX = HexFormat.of();

    private final CardRepository cards;
    private final CardKeyVault vault;
    /**
     * The programmes, read once and again when a tap matches no card of them: a programme's keys never change and
     * one is never deleted, so only a new programme is missed, and that miss reads them again.
     */
    private volatile List<CardProgramme> programmes;
    /** A programme's sealed issuer key never changes: it is opened, and its K1 derived, once per process. */
    private final Map<String, ProgrammeKeys> opened = new ConcurrentHashMap<>();

    public CardTaps(CardRepository cards, CardKeyVault vault) {
        this.cards = cards;
        this.vault = vault;
    }

    public TapOutcome tap(String p, String c) {
        if (p == null || !P.matcher(p).matches()) {
            return new TapOutcome.Malformed("p must be 32 hexadecimal characters");
        }
        if (c == null || !C.matcher(c).matches()) {
            return new TapOutcome.Malformed("c must be 16 hexadecimal characters");
        }
        byte[] encrypted = HEX.parseHex(p);
        byte[] mac = HEX.parseHex(c);
        List<CardProgramme> known = programmes;
        Match match = known == null ? Match.NONE : match(known, encrypted, mac);
        if (match.outcome() == null) {
            // a programme created since the list was read: read it again, once per unknown card
            List<CardProgramme> current = List.copyOf(cards.programmes());
            programmes = current;
            if (known == null || !ids(current).equals(ids(known))) {
                match = match(current, encrypted, mac);
            }
        }
        return match.outcome() != null
                ? match.outcome()
                : refused(cards.refuseTap(null, match.counter(), TapRefusal.UNKNOWN_CARD));
    }

    /** The tap's outcome once a card of a programme matched; else the counter a programme's K1 opened, if any. */
    private record Match(TapOutcome outcome, Integer counter) {
        static final Match NONE = new Match(null, null);
    }

    private Match match(List<CardProgramme> programmes, byte[] encrypted, byte[] mac) {
        Integer counter = null;
        for (CardProgramme programme : programmes) {
            ProgrammeKeys keys = keys(programme);
            Optional<PiccData> picc = SunMessages.open(keys.k1(), encrypted);
            if (picc.isEmpty()) {
                continue;
            }
            // a wrong K1 still yields the 0xC7 tag once in 256 programmes: only a card with that ID is a match
            String keyId = HEX.formatHex(
                    CardKeyDerivation.id(keys.issuerKey(), picc.get().uid()));
            Optional<Card> found = cards.findByKeyId(programme.id(), keyId);
            if (found.isPresent()) {
                return new Match(verified(found.get(), keys.issuerKey(), picc.get(), mac), null);
            }
            counter = picc.get().counter();
        }
        return new Match(null, counter);
    }

    private static Set<String> ids(List<CardProgramme> programmes) {
        return programmes.stream().map(CardProgramme::id).collect(Collectors.toSet());
    }

    private ProgrammeKeys keys(CardProgramme programme) {
        ProgrammeKeys keys = opened.get(programme.id());
        if (keys == null || !Arrays.equals(keys.sealed(), programme.issuerKeySealed())) {
            byte[] issuerKey = vault.open(programme.id(), programme.issuerKeySealed());
            keys = new ProgrammeKeys(programme.issuerKeySealed().clone(), issuerKey, CardKeyDerivation.k1(issuerKey));
            opened.put(programme.id(), keys);
        }
        return keys;
    }

    /** The sealed form it was opened from, so a programme whose key changed is opened afresh. */
    private record ProgrammeKeys(byte[] sealed, byte[] issuerKey, byte[] k1) {}

    private TapOutcome verified(Card card, byte[] issuerKey, PiccData data, byte[] c) {
        byte[] k2 = CardKeyDerivation.k2(issuerKey, data.uid(), card.version());
        if (!SunMessages.authentic(k2, data, c)) {
            return refused(cards.refuseTap(card.id(), data.counter(), TapRefusal.NOT_AUTHENTIC));
        }
        return switch (cards.acceptTap(card.id(), card.version(), data.counter())) {
            case TapAcceptance.Accepted accepted -> new TapOutcome.Accepted(card, accepted.tapId(), accepted.k1());
            case TapAcceptance.Refused refusal -> refused(refusal);
        };
    }

    private static TapOutcome refused(TapAcceptance.Refused refusal) {
        return new TapOutcome.Refused(refusal.refusal().reason());
    }
}
