package com.flash.backoffice.db.card;

import static com.flash.backoffice.db.jooq.Tables.CARD;

import com.flash.backoffice.db.support.UtcTimestamps;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
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
