package com.flash.backoffice.portal.card;

import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.portal.api.ApiLinks;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.workflows.card.CardProgramming;
import com.flash.backoffice.workflows.card.ProgrammingAnswer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Programming and wiping Flash cards with the Bolt Card NFC Programmer app: SUPPORT or FINANCE makes a single-use
 * deeplink for one card (audited), the app calls back with the NTAG424's UID, or its current URL to reset it, and
 * gets the card's keys. No staff screen ever shows a key: only the app receives them.
 */
@Service
public class CardProgrammingService {

    static final Duration LINK_LIFETIME = Duration.ofMinutes(30);

    private static final String CARD_STAFF = "hasAnyRole('SUPPORT', 'FINANCE')";
    private static final int TOKEN_BYTES = 24;

    private final CardRepository cards;
    private final CardProgramming programming;
    private final ApiLinks links;
    private final AuditService audit;
    private final TransactionTemplate transaction;

    CardProgrammingService(
            CardRepository cards,
            CardProgramming programming,
            ApiLinks links,
            AuditService audit,
            TransactionTemplate transaction) {
        this.cards = cards;
        this.programming = programming;
        this.links = links;
        this.audit = audit;
        this.transaction = transaction;
    }

    /** A deeplink that programs the card ({@code reset} false) or wipes it; empty for a lost or unknown card. */
    @PreAuthorize(CARD_STAFF)
    public Optional<ProgrammingLink> link(String cardId, boolean reset) {
        String token = RandomIds.randomHex(TOKEN_BYTES);
        Instant expiresAt = UtcTimestamps.now().plus(LINK_LIFETIME);
        Boolean granted = transaction.execute(status -> {
            if (!cards.grantProgrammingToken(cardId, CardProgramming.tokenHash(token), expiresAt)) {
                return false;
            }
            audit.record(
                    reset ? "card.reset-link" : "card.programming-link",
                    "card",
                    cardId,
                    null,
                    Map.of("expiresAt", expiresAt.toString()),
                    reset ? "link to wipe the card" : "link to program the card");
            return true;
        });
        if (!Boolean.TRUE.equals(granted)) {
            return Optional.empty();
        }
        String url = links.base() + BoltCardPaths.PROGRAM + token;
        return Optional.of(new ProgrammingLink(
                cardId,
                "boltcard://" + (reset ? "reset" : "program") + "?url="
                        + URLEncoder.encode(url, StandardCharsets.UTF_8),
                expiresAt));
    }

    /** The app's keys request: {@code uid} to program, or {@code cardUrl} (the card's lnurlw URL) to reset. */
    @PreAuthorize("permitAll()")
    public ProgrammingAnswer keys(String token, String uid, String cardUrl) {
        String lnurlw = lnurlw();
        Instant now = UtcTimestamps.now();
        if (uid != null) {
            return programming.program(token, uid, lnurlw, now);
        }
        if (cardUrl != null) {
            return programming.reset(token, cardUrl, lnurlw, now);
        }
        return new ProgrammingAnswer.Refused(
                400, "Send {\"UID\": ...} to program a card or {\"LNURLW\": ...} to reset it");
    }

    /** The URL the card writes (LUD-17's lnurlw scheme); the card appends its p and c. */
    String lnurlw() {
        return links.base().replaceFirst("^https?://", "lnurlw://") + BoltCardPaths.TAP;
    }
}
