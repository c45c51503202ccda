package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.support.MasterKeySeal;
import java.security.SecureRandom;

/**
 * Seals programme issuer keys at rest under the master key ({@link MasterKeySeal}: AES-GCM, a sealed key is a
 * 12-byte nonce, the 16-byte ciphertext and the 16-byte tag). The programme id is the associated data, so a sealed key
 * copied to another programme does not open.
 */
public final class CardKeyVault {

    private static final int ISSUER_KEY_BYTES = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MasterKeySeal seal;

    /** {@code masterKey}: 32 bytes (AES-256). */
    public CardKeyVault(byte[] masterKey) {
        this(new MasterKeySeal(masterKey));
    }

    public CardKeyVault(MasterKeySeal seal) {
        this.seal = seal;
    }

    /** A fresh random issuer key for a new programme. */
    public static byte[] newIssuerKey() {
        byte[] key = new byte[ISSUER_KEY_BYTES];
        RANDOM.nextBytes(key);
        return key;
    }

    public byte[] seal(String programmeId, byte[] issuerKey) {
        if (issuerKey == null || issuerKey.length != ISSUER_KEY_BYTES) {
            throw new IllegalArgumentException("An issuer key is 16 bytes");
        }
        return seal.seal(programmeId, issuerKey);
    }

    /** The issuer key; refuses a sealed key that another master key, or another programme, sealed. */
    public byte[] open(String programmeId, byte[] sealed) {
        if (sealed == null || sealed.length != MasterKeySeal.NONCE_BYTES + ISSUER_KEY_BYTES + MasterKeySeal.TAG_BYTES) {
            throw new IllegalArgumentException("Not a sealed issuer key");
        }
        try {
            return seal.open(programmeId, sealed);
        } catch (MasterKeySeal.WrongKeyException wrongKey) {
            throw new IllegalStateException(
                    "The issuer key of programme " + programmeId + " does not open with this FLASH_CARD_MASTER_KEY");
        }
    }

    @Override
    public String toString() {
        return "CardKeyVault[master key hidden]";
    }
}
