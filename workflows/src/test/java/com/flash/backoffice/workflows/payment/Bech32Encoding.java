package com.flash.backoffice.workflows.payment;

import java.io.ByteArrayOutputStream;

/** BIP-173 bech32 encoding without the 90-character limit, to build LNURLs in tests (LUD-01). */
final class Bech32Encoding {

    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATOR = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private Bech32Encoding() {}

    static String encode(String prefix, byte[] data) {
        byte[] values = eightToFive(data);
        byte[] withChecksum = new byte[values.length + 6];
        System.arraycopy(values, 0, withChecksum, 0, values.length);
        int polymod = polymod(prefix, withChecksum) ^ 1;
        for (int i = 0; i < 6; i++) {
            withChecksum[values.length + i] = (byte) ((polymod >>> (5 * (5 - i))) & 31);
        }
        StringBuilder sb = new StringBuilder(prefix).append('1');
        for (byte value : withChecksum) {
            sb.append(CHARSET.charAt(value));
        }
        return sb.toString();
    }

    private static byte[] eightToFive(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int accumulator = 0;
        int bits = 0;
        for (byte b : data) {
            accumulator = (accumulator << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.write((accumulator >>> bits) & 31);
            }
        }
        if (bits > 0) {
            out.write((accumulator << (5 - bits)) & 31);
        }
        return out.toByteArray();
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
}
