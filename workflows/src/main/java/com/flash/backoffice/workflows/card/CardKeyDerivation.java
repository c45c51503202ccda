package com.flash.backoffice.workflows.card;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Bolt Card's deterministic keys (boltcard/boltcard docs/DETERMINISTIC.md), with CMAC as the PRF: one issuer key per
 * programme; {@code CardKey = PRF(IssuerKey, 2d003f75 || UID || Version)}, K0, K2, K3 and K4 from the CardKey, K1 and
 * the card's ID from the issuer key. The ID lets Flash find a card without ever storing its UID.
 */
public final class CardKeyDerivation {

    private static final byte[] CARD_KEY = {0x2d, 0x00, 0x3f, 0x75};
    private static final byte[] K0 = {0x2d, 0x00, 0x3f, 0x76};
    private static final byte[] K1 = {0x2d, 0x00, 0x3f, 0x77};
    private static final byte[] K2 = {0x2d, 0x00, 0x3f, 0x78};
    private static final byte[] K3 = {0x2d, 0x00, 0x3f, 0x79};
    private static final byte[] K4 = {0x2d, 0x00, 0x3f, 0x7a};
    private static final byte[] ID = {0x2d, 0x00, 0x3f, 0x7b};

    private CardKeyDerivation() {}

    /** The encryption key of every card of the programme: it opens {@code p} before the card is known. */
    public static byte[] k1(byte[] issuerKey) {
        return AesCmac.mac(issuerKey, K1);
    }

    /** The card's stored identity, derived so that its UID never needs storing. */
    public static byte[] id(byte[] issuerKey, byte[] uid) {
        return AesCmac.mac(issuerKey, concat(ID, requireUid(uid)));
    }

    static byte[] cardKey(byte[] issuerKey, byte[] uid, int version) {
        byte[] versionLittleEndian = ByteBuffer.allocate(4)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putInt(version)
                .array();
        return AesCmac.mac(issuerKey, concat(concat(CARD_KEY, requireUid(uid)), versionLittleEndian));
    }

    /** The authentication key that checks the card's {@code c}. */
    public static byte[] k2(byte[] issuerKey, byte[] uid, int version) {
        return AesCmac.mac(cardKey(issuerKey, uid, version), K2);
    }

    /** All five keys, for programming or resetting a card. */
    public static CardKeys keys(byte[] issuerKey, byte[] uid, int version) {
        byte[] cardKey = cardKey(issuerKey, uid, version);
        return new CardKeys(
                AesCmac.mac(cardKey, K0),
                k1(issuerKey),
                AesCmac.mac(cardKey, K2),
                AesCmac.mac(cardKey, K3),
                AesCmac.mac(cardKey, K4));
    }

    private static byte[] requireUid(byte[] uid) {
        if (uid == null || uid.length != 7) {
            throw new IllegalArgumentException("A card UID is 7 bytes");
        }
        return uid;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
