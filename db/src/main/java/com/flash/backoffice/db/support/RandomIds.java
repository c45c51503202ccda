package com.flash.backoffice.db.support;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random identifiers and secrets, BTCPay-style: base58 ids that are unguessable and URL-safe. */
public final class RandomIds {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger FIFTY_EIGHT = BigInteger.valueOf(58);
    private static final int ID_BYTES = 20;

    private RandomIds() {}

    /** 160 random bits in base58: at most 28 characters, fits a VARCHAR(32) id column. */
    public static String newId() {
        return base58(randomBytes(ID_BYTES));
    }

    public static String randomHex(int bytes) {
        return HexFormat.of().formatHex(randomBytes(bytes));
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String base58(byte[] bytes) {
        BigInteger value = new BigInteger(1, bytes);
        StringBuilder out = new StringBuilder();
        while (value.signum() > 0) {
            BigInteger[] quotientAndRemainder = value.divideAndRemainder(FIFTY_EIGHT);
            out.append(BASE58.charAt(quotientAndRemainder[1].intValue()));
            value = quotientAndRemainder[0];
        }
        return out.isEmpty() ? "1" : out.reverse().toString();
    }
}
