package com.flash.backoffice.workflows.card;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The NTAG424's Secure Unique NFC message as Bolt Card uses it (boltcard/boltcard docs/SPEC.md, NXP AN12196): {@code p}
 * is one AES block of PICC data under K1 with a zero IV, {@code c} the odd bytes of a CMAC under a session key derived
 * from K2, the UID and the counter.
 */
public final class SunMessages {

    /** The PICC data tag of "UID and read counter mirrored": any other first byte means the wrong K1. */
    static final int PICC_DATA_TAG = 0xC7;

    private static final byte[] SV2_PREFIX = {0x3C, (byte) 0xC3, 0x00, 0x01, 0x00, (byte) 0x80};

    private SunMessages() {}

    /** The UID and counter in {@code p}, or empty when {@code p} was not written under this K1. */
    public static Optional<PiccData> open(byte[] k1, byte[] p) {
        if (p == null || p.length != 16) {
            throw new IllegalArgumentException("p is one 16-byte block");
        }
        byte[] plain = AesCmac.decryptBlock(k1, p);
        if ((plain[0] & 0xff) != PICC_DATA_TAG) {
            return Optional.empty();
        }
        int counter = (plain[8] & 0xff) | (plain[9] & 0xff) << 8 | (plain[10] & 0xff) << 16;
        return Optional.of(new PiccData(Arrays.copyOfRange(plain, 1, 8), counter));
    }

    /** The 8-byte MAC the card writes as {@code c} for this UID and counter. */
    public static byte[] mac(byte[] k2, PiccData data) {
        byte[] sv2 = new byte[16];
        System.arraycopy(SV2_PREFIX, 0, sv2, 0, SV2_PREFIX.length);
        System.arraycopy(data.uid(), 0, sv2, 6, 7);
        sv2[13] = (byte) data.counter();
        sv2[14] = (byte) (data.counter() >>> 8);
        sv2[15] = (byte) (data.counter() >>> 16);
        byte[] sessionKey = AesCmac.mac(k2, sv2);
        byte[] full = AesCmac.mac(sessionKey, new byte[0]);
        byte[] odd = new byte[8];
        for (int i = 0; i < 8; i++) {
            odd[i] = full[2 * i + 1];
        }
        return odd;
    }

    /** Whether {@code c} is the card's MAC for {@code data}, compared in constant time. */
    public static boolean authentic(byte[] k2, PiccData data, byte[] c) {
        return c != null && c.length == 8 && MessageDigest.isEqual(mac(k2, data), c);
    }
}
