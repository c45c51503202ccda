package com.flash.backoffice.db.card;

import static com.flash.backoffice.db.jooq.Tables.CARD;
import static com.flash.backoffice.db.jooq.Tables.CARD_TAP;

import com.flash.backoffice.db.audit.AuditEvent;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.jooq.enums.CardTapState;
import com.flash.backoffice.db.jooq.tables.records.CardRecord;
import com.flash.backoffice.db.jooq.tables.records.CardTapRecord;
import com.flash.backoffice.db.support.AsciiKeys;
import com.flash.backoffice.db.support.UtcTimestamps;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jooq.DSLContext;
import org.springframework.stereotype.Repository;

/**
 * A card's PIN for payments at or above its programme's PIN limit (LUD-21 style {@code pinLimit}): chosen by the holder,
 * stored only as a salted PBKDF2 hash. {@value #MAX_FAILURES} wrong PINs in a row lock the card until SUPPORT
 * unfreezes it.
 */
@Repository
public class CardPins {

    public static final int MAX_FAILURES = 3;

    private static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 100_000;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    private static final String STALE_PAGE = "This page is no longer valid: tap the card again to choose its PIN";

    private final DSLContext ctx;

    public CardPins(DSLContext ctx) {
        this.ctx = ctx;
    }

    /** Why {@code pin} cannot be a PIN, or empty when it can: 4 to 6 digits. */
    public static Optional<String> problem(String pin) {
        if (pin == null || !pin.matches("[0-9]{4,6}")) {
            return Optional.of("A PIN has 4 to 6 digits");
        }
        return Optional.empty();
    }

    /** Sets the card's PIN (replacing any) and clears its failures. */
    public void set(String cardId, String pin) {
        problem(pin).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        ctx.update(CARD)
                .set(CARD.PIN_HASH, hash(pin))
                .set(CARD.PIN_FAILURES, 0)
                .set(CARD.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                .where(CARD.ID.eq(cardId))
                .execute();
    }

    /**
     * The holder chooses the PIN of a card that has none (activated by SUPPORT, or its PIN cleared by SUPPORT) on the
     * balance page a tap just opened: {@code k1} is that tap's, shown on that page only, for
     * {@link CardWithdrawals#OFFER_LIFETIME}. The hash and the tap log's note are written in one transaction, or
     * nothing is; the refusal says why.
     */
    public Optional<String> chooseOnBalancePage(String k1, String pin, Instant now) {
        Optional<String> bad = problem(pin);
        if (bad.isPresent() || k1 == null || k1.isBlank() || !AsciiKeys.couldBeKey(k1.strip())) {
            return bad.or(() -> Optional.of(STALE_PAGE));
        }
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            CardTapRecord tap = tx.selectFrom(CARD_TAP)
                    .where(CARD_TAP.K1.eq(k1.strip()))
                    .forUpdate()
                    .fetchOne();
            if (tap == null
                    || tap.getState() != CardTapState.EXPIRED
                    || !CardWithdrawals.BALANCE_PAGE_VIEWED.equals(tap.getReason())) {
                return Optional.of(STALE_PAGE);
            }
            if (UtcTimestamps.fromDb(tap.getCreatedAt())
                    .plus(CardWithdrawals.OFFER_LIFETIME)
                    .isBefore(now)) {
                return Optional.of("This page expired: tap the card again to choose its PIN");
            }
            CardRecord card = tx.selectFrom(CARD)
                    .where(CARD.ID.eq(tap.getCardId()))
                    .forUpdate()
                    .fetchSingle();
            if (card.getState() != com.flash.backoffice.db.jooq.enums.CardState.ACTIVE) {
                return Optional.of(
                        TapRefusal.forState(CardState.valueOf(card.getState().name()))
                                .reason());
            }
            if (card.getPinHash() != null) {
                return Optional.of("The card has a PIN already: SUPPORT can clear a forgotten one");
            }
            tx.update(CARD)
                    .set(CARD.PIN_HASH, hash(pin))
                    .set(CARD.PIN_FAILURES, 0)
                    .set(CARD.UPDATED_AT, UtcTimestamps.toDb(now))
                    .where(CARD.ID.eq(card.getId()))
                    .execute();
            tx.update(CARD_TAP)
                    .set(CARD_TAP.REASON, CardWithdrawals.BALANCE_PAGE_VIEWED + "; PIN chosen")
                    .set(CARD_TAP.UPDATED_AT, UtcTimestamps.toDb(now))
                    .where(CARD_TAP.ID.eq(tap.getId()))
                    .execute();
            return Optional.<String>empty();
        });
    }

    /**
     * SUPPORT clears a card's PIN (the holder forgot it; who they are was checked) and its wrong tries, with the audit
     * entry in the same transaction; the holder then chooses a new one on the balance page. False when the card had
     * no PIN: nothing is written.
     */
    public boolean clear(String cardId, String actor, List<String> roles, String note) {
        return ctx.transactionResult(configuration -> {
            DSLContext tx = configuration.dsl();
            int cleared = tx.update(CARD)
                    .setNull(CARD.PIN_HASH)
                    .set(CARD.PIN_FAILURES, 0)
                    .set(CARD.UPDATED_AT, UtcTimestamps.toDb(UtcTimestamps.now()))
                    .where(CARD.ID.eq(cardId))
                    .and(CARD.PIN_HASH.isNotNull())
                    .execute();
            if (cleared == 1) {
                new AuditLogRepository(tx)
                        .append(new AuditEvent(actor, roles, "card.pin.clear", "card", cardId, null, null, note));
            }
            return cleared == 1;
        });
    }

    static String hash(String pin) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + HEX.formatHex(salt) + "$"
                + HEX.formatHex(derive(pin, salt, ITERATIONS));
    }

    /** Constant time in the PIN: the stored hash is recomputed and compared whole. */
    static boolean matches(String pin, String stored) {
        if (pin == null || stored == null) {
            return false;
        }
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals(SCHEME)) {
            throw new IllegalStateException("Unknown PIN hash scheme");
        }
        byte[] expected = HEX.parseHex(parts[3]);
        byte[] actual = derive(pin, HEX.parseHex(parts[2]), Integer.parseInt(parts[1]));
        return MessageDigest.isEqual(expected, actual);
    }

    private static byte[] derive(String pin, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(pin.toCharArray(), salt, iterations, 256))
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        }
    }
}
