package com.flash.backoffice.workflows.card;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals programme issuer keys at rest with AES-GCM under the master key ({@code FLASH_CARD_MASTER_KEY}): a sealed key
 * is a 12-byte nonce, the 16-byte ciphertext and the 16-byte tag. The programme id is the associated data, so a
 * sealed key copied to another programme does not open.
 */
public final class CardKeyVault {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec masterKey;

    /** {@code masterKey}: 32 bytes (AES-256). */
    public CardKeyVault(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("FLASH_CARD_MASTER_KEY must be 32 bytes (64 hex characters)");
        }
        this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
    }

    /** A fresh random issuer key for a new programme. */
    public static byte[] newIssuerKey() {
        byte[] key = new byte[16];
        RANDOM.nextBytes(key);
        return key;
    }

    public byte[] seal(String programmeId, byte[] issuerKey) {
        if (issuerKey == null || issuerKey.length != 16) {
            throw new IllegalArgumentException("An issuer key is 16 bytes");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, programmeId, nonce, issuerKey);
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    /** The issuer key; refuses a sealed key that another master key, or another programme, sealed. */
    public byte[] open(String programmeId, byte[] sealed) {
        if (sealed == null || sealed.length != NONCE_BYTES + 16 + TAG_BITS / 8) {
            throw new IllegalArgumentException("Not a sealed issuer key");
        }
        return crypt(
                Cipher.DECRYPT_MODE,
                programmeId,
                Arrays.copyOfRange(sealed, 0, NONCE_BYTES),
                Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length));
    }

    private byte[] crypt(int mode, String programmeId, byte[] nonce, byte[] input) {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, masterKey, new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(programmeId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return gcm.doFinal(input);
        } catch (AEADBadTagException wrongKey) {
            throw new IllegalStateException(
                    "The issuer key of programme " + programmeId + " does not open with this FLASH_CARD_MASTER_KEY");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "CardKeyVault[master key hidden]";
    }
}
