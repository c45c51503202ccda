package com.flash.backoffice.workflows.payment;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * LUD-01: an LNURL is the bech32 (BIP-173, not bech32m) encoding of a URL under the prefix {@code lnurl}. BIP-173's
 * 90-character limit does not apply (LUD-01's decoders pass 2000), which is why bitcoinj's decoder cannot be used.
 */
public final class Bech32Lnurl {

    static final int MAX_LENGTH = 2000;
    private static final String PREFIX = "lnurl";
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32Lnurl() {}

    /** Whether {@code text} looks like an LNURL at all (its prefix), before it is checked. */
    static boolean looksLikeLnurl(String text) {
        return text.length() > PREFIX.length() + 1 && text.regionMatches(true, 0, PREFIX + "1", 0, PREFIX.length() + 1);
    }

    /** LUD-01's bech32 form of {@code url} (upper case, as wallets scan QR codes best in alphanumeric mode). */
    public static String encode(String url) {
        byte[] bytes = url.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream five = new ByteArrayOutputStream(bytes.length * 8 / 5 + 1);
        int accumulator = 0;
        int bits = 0;
        for (byte b : bytes) {
            accumulator = (accumulator << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                five.write((accumulator >>> bits) & 31);
            }
        }
        if (bits > 0) {
            five.write((accumulator << (5 - bits)) & 31);
        }
        byte[] data = five.toByteArray();
        byte[] withChecksum = java.util.Arrays.copyOf(data, data.length + 6);
        int checksum = polymod(PREFIX, withChecksum) ^ 1;
        for (int i = 0; i < 6; i++) {
            withChecksum[data.length + i] = (byte) ((checksum >>> (5 * (5 - i))) & 31);
        }
        StringBuilder out = new StringBuilder(PREFIX).append('1');
        for (byte value : withChecksum) {
            out.append(CHARSET.charAt(value));
        }
        return out.toString().toUpperCase(Locale.ROOT);
    }

    /** The URL an LNURL encodes; the exception's message says what is wrong with it. */
    public static String decode(String lnurl) {
        if (lnurl.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("longer than " + MAX_LENGTH + " characters");
        }
        if (!lnurl.equals(lnurl.toLowerCase(Locale.ROOT)) && !lnurl.equals(lnurl.toUpperCase(Locale.ROOT))) {
            throw new IllegalArgumentException("mixes upper and lower case");
        }
        String text = lnurl.toLowerCase(Locale.ROOT);
        int separator = text.lastIndexOf('1');
        if (!text.substring(0, Math.max(separator, 0)).equals(PREFIX)) {
            throw new IllegalArgumentException("its prefix is not \"lnurl1\"");
        }
        int length = text.length() - separator - 1;
        if (length < 6) {
            throw new IllegalArgumentException("too short for a checksum");
        }
        byte[] values = new byte[length];
        for (int i = 0; i < length; i++) {
            char c = text.charAt(separator + 1 + i);
            int value = CHARSET.indexOf(c);
            if (value < 0) {
                throw new IllegalArgumentException("'" + c + "' is not a bech32 character");
            }
            values[i] = (byte) value;
        }
        if (polymod(PREFIX, values) != 1) {
            throw new IllegalArgumentException("the checksum does not match (a mistyped character?)");
        }
        byte[] bytes = fiveToEight(values, length - 6);
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("it does not encode UTF-8 text");
        }
    }

    private static int polymod(String prefix, byte[] values) {
        int checksum = 1;
        for (int i = 0; i < prefix.length(); i++) {
            checksum = step(checksum, prefix.charAt(i) >> 5);
        }
        checksum = step(checksum, 0);
        for (int i = 0; i < prefix.length(); i++) {
            checksum = step(checksum, prefix.charAt(i) & 31);
        }
        for (byte value : values) {
            checksum = step(checksum, value);
        }
        return checksum;
    }

    private static int step(int checksum, int value) {
        int top = checksum >>> 25;
        checksum = ((checksum & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                checksum ^= GENERATOR[i];
            }
        }
        return checksum;
    }

    private static byte[] fiveToEight(byte[] values, int count) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(count * 5 / 8);
        int accumulator = 0;
        int bits = 0;
        for (int i = 0; i < count; i++) {
            accumulator = (accumulator << 5) | values[i];
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((accumulator >>> bits) & 0xff);
            }
        }
        if (bits >= 5 || (accumulator & ((1 << bits) - 1)) != 0) {
            throw new IllegalArgumentException("its data has non-zero padding");
        }
        return out.toByteArray();
    }
}
