package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.Programming;
import com.flash.backoffice.db.support.Sha256;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The keys-request side of Bolt Card's deeplinks (boltcard/boltcard docs/DEEPLINK.md). Program: the app sends the
 * blank NTAG424's UID with the one-time token in the link and gets the card's URL and keys, a new version when the
 * same NTAG424 is programmed again. Reset: the app sends the card's current URL with a genuine tap and gets the keys
 * to wipe it. The token is stored only as its SHA-256.
 */
public class CardProgramming {

    private static final HexFormat HEX = HexFormat.of();

    private final CardRepository cards;
    private final CardKeyVault vault;

    public CardProgramming(CardRepository cards, CardKeyVault vault) {
        this.cards = cards;
        this.vault = vault;
    }

    public static String tokenHash(String token) {
        return Sha256.hex(token);
    }

    /** {@code lnurlw}: the URL the card will write, {@code lnurlw://host/boltcard}. */
    public ProgrammingAnswer program(String token, String uidHex, String lnurlw, Instant now) {
        if (uidHex == null || !uidHex.strip().matches("[0-9A-Fa-f]{14}")) {
            return new ProgrammingAnswer.Refused(400, "UID must be 7 bytes (14 hexadecimal characters)");
        }
        Optional<CardProgramme> programme = programmeOf(token, now);
        if (programme.isEmpty()) {
            return new ProgrammingAnswer.Refused(404, "Unknown or expired programming link: ask for a new one");
        }
        byte[] uid = HEX.parseHex(uidHex.strip());
        byte[] issuerKey = vault.open(programme.get().id(), programme.get().issuerKeySealed());
        String keyId = HEX.formatHex(CardKeyDerivation.id(issuerKey, uid));
        return switch (cards.program(tokenHash(token), keyId, now)) {
            case Programming.Refused refused -> new ProgrammingAnswer.Refused(refused.httpStatus(), refused.reason());
            case Programming.Granted granted -> keys(lnurlw, CardKeyDerivation.keys(issuerKey, uid, granted.version()));
        };
    }

    /** {@code cardUrl}: what the card's NDEF holds, {@code lnurlw://host/boltcard?p=..&c=..}. */
    public ProgrammingAnswer reset(String token, String cardUrl, String lnurlw, Instant now) {
        Map<String, String> query = query(cardUrl);
        String p = query.get("p");
        String c = query.get("c");
        if (p == null || !p.matches("[0-9A-Fa-f]{32}") || c == null || !c.matches("[0-9A-Fa-f]{16}")) {
            return new ProgrammingAnswer.Refused(400, "LNURLW must be the card's URL with its p and c");
        }
        Optional<Card> card = cards.findByProgrammingToken(tokenHash(token), now);
        Optional<CardProgramme> programme = card.flatMap(found -> cards.findProgramme(found.programmeId()));
        if (programme.isEmpty()) {
            return new ProgrammingAnswer.Refused(404, "Unknown or expired reset link: ask for a new one");
        }
        byte[] issuerKey = vault.open(programme.get().id(), programme.get().issuerKeySealed());
        Optional<PiccData> data = SunMessages.open(CardKeyDerivation.k1(issuerKey), HEX.parseHex(p));
        if (data.isEmpty()
                || !HEX.formatHex(CardKeyDerivation.id(issuerKey, data.get().uid()))
                        .equals(card.get().cardKeyId())) {
            return new ProgrammingAnswer.Refused(409, "This is not the card the reset link is for");
        }
        int version = card.get().version();
        if (!SunMessages.authentic(
                CardKeyDerivation.k2(issuerKey, data.get().uid(), version), data.get(), HEX.parseHex(c))) {
            return new ProgrammingAnswer.Refused(409, "The card's signature is not valid");
        }
        return switch (cards.reset(tokenHash(token), card.get().id(), data.get().counter(), now)) {
            case Programming.Refused refused -> new ProgrammingAnswer.Refused(refused.httpStatus(), refused.reason());
            case Programming.Granted granted ->
                keys(lnurlw, CardKeyDerivation.keys(issuerKey, data.get().uid(), granted.version()));
        };
    }

    private Optional<CardProgramme> programmeOf(String token, Instant now) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return cards.findByProgrammingToken(tokenHash(token), now)
                .flatMap(card -> cards.findProgramme(card.programmeId()));
    }

    private static ProgrammingAnswer.Keys keys(String lnurlw, CardKeys keys) {
        return new ProgrammingAnswer.Keys(
                lnurlw,
                keys.hex(keys.k0()),
                keys.hex(keys.k1()),
                keys.hex(keys.k2()),
                keys.hex(keys.k3()),
                keys.hex(keys.k4()));
    }

    private static Map<String, String> query(String url) {
        Map<String, String> out = new HashMap<>();
        if (url == null) {
            return out;
        }
        String raw;
        try {
            raw = URI.create(url.strip()).getRawQuery();
        } catch (IllegalArgumentException notAUrl) {
            return out;
        }
        if (raw == null) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                out.put(pair.substring(0, equals), pair.substring(equals + 1));
            }
        }
        return out;
    }
}
