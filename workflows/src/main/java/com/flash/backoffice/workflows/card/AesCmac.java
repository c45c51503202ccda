package com.flash.backoffice.workflows.card;

import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-128 CMAC (NIST SP 800-38B, RFC 4493): the MAC of the NTAG424's SUN messages and the pseudo-random function of
 * Bolt Card's deterministic keys. Written over the JDK's AES because the JDK has no CMAC.
 */
public final class AesCmac {

    private static final int BLOCK = 16;
    private static final byte RB = (byte) 0x87;

    private AesCmac() {}

    /** The 16-byte CMAC of {@code message} under the 16-byte {@code key}. */
    public static byte[] mac(byte[] key, byte[] message) {
        requireKey(key);
        Cipher aes = encryptor(key);
        byte[] k1 = subkey(aes(aes, new byte[BLOCK]));
        byte[] k2 = subkey(k1);
        int blocks = Math.max(1, (message.length + BLOCK - 1) / BLOCK);
        boolean complete = message.length > 0 && message.length % BLOCK == 0;
        byte[] last = new byte[BLOCK];
        int lastStart = (blocks - 1) * BLOCK;
        if (complete) {
            System.arraycopy(message, lastStart, last, 0, BLOCK);
            xorInto(last, k1);
        } else {
            int remaining = message.length - lastStart;
            System.arraycopy(message, lastStart, last, 0, remaining);
            last[remaining] = (byte) 0x80;
            xorInto(last, k2);
        }
        byte[] x = new byte[BLOCK];
        byte[] block = new byte[BLOCK];
        for (int i = 0; i < blocks - 1; i++) {
            System.arraycopy(message, i * BLOCK, block, 0, BLOCK);
            xorInto(block, x);
            x = aes(aes, block);
        }
        xorInto(last, x);
        return aes(aes, last);
    }

    /** AES-128 of one block, decrypted: the card's PICC data in {@code p} is one block under K1 with a zero IV. */
    static byte[] decryptBlock(byte[] key, byte[] block) {
        requireKey(key);
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"));
            return aes.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    static byte[] encryptBlock(byte[] key, byte[] block) {
        requireKey(key);
        return aes(encryptor(key), block);
    }

    private static Cipher encryptor(byte[] key) {
        try {
            Cipher aes = Cipher.getInstance("AES/ECB/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
            return aes;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES is part of every JDK", e);
        }
    }

    private static byte[] aes(Cipher aes, byte[] block) {
        try {
            return aes.doFinal(block);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("one AES block cannot fail", e);
        }
    }

    /** Shift left by one bit; xor Rb into the last byte when the top bit fell off. */
    private static byte[] subkey(byte[] in) {
        byte[] out = new byte[BLOCK];
        int carry = 0;
        for (int i = BLOCK - 1; i >= 0; i--) {
            int shifted = (in[i] & 0xff) << 1;
            out[i] = (byte) (shifted | carry);
            carry = (shifted >>> 8) & 1;
        }
        if ((in[0] & 0x80) != 0) {
            out[BLOCK - 1] ^= RB;
        }
        return out;
    }

    private static void xorInto(byte[] target, byte[] with) {
        for (int i = 0; i < BLOCK; i++) {
            target[i] ^= with[i];
        }
    }

    private static void requireKey(byte[] key) {
        if (key == null || key.length != BLOCK) {
            throw new IllegalArgumentException("AES-128 keys are 16 bytes");
        }
    }
}
