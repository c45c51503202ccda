package com.flash.backoffice.db.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Secrets at rest under the master key ({@code FLASH_CARD_MASTER_KEY}): AES-256-GCM, a sealed value is a 12-byte
 * nonce, the ciphertext and the 16-byte tag. What the secret belongs to (a programme's id, a webhook's id) is the
 * associated data, so a sealed value copied to another row does not open. Card issuer keys and webhook secrets are
 * sealed here.
 */
public final class MasterKeySeal {

    /** Thrown when a sealed value does not open: another master key sealed it, or it belongs to another owner. */
    public static final class WrongKeyException extends IllegalStateException {
        WrongKeyException(String owner) {
            super("The secret of " + owner + " does not open with this master key");
        }
    }

    public static final int NONCE_BYTES = 12;
    public static final int TAG_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec masterKey;

    /** {@code masterKey}: 32 bytes (AES-256). */
    public MasterKeySeal(byte[] masterKey) {
        if (masterKey == null || masterKey.length != 32) {
            throw new IllegalArgumentException("FLASH_CARD_MASTER_KEY must be 32 bytes (64 hex characters)");
        }
        this.masterKey = new SecretKeySpec(masterKey.clone(), "AES");
    }

    public byte[] seal(String owner, byte[] secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, owner, nonce, secret);
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
    }

    public byte[] open(String owner, byte[] sealed) {
        if (sealed == null || sealed.length < NONCE_BYTES + TAG_BYTES) {
            throw new IllegalArgumentException("Not a sealed secret");
        }
        return crypt(
                Cipher.DECRYPT_MODE,
                owner,
                Arrays.copyOfRange(sealed, 0, NONCE_BYTES),
                Arrays.copyOfRange(sealed, NONCE_BYTES, sealed.length));
    }

    private byte[] crypt(int mode, String owner, byte[] nonce, byte[] input) {
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(mode, masterKey, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            gcm.updateAAD(owner.getBytes(StandardCharsets.UTF_8));
            return gcm.doFinal(input);
        } catch (AEADBadTagException wrongKey) {
            throw new WrongKeyException(owner);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKeySeal[master key hidden]";
    }
}
