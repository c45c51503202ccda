package com.flash.backoffice.workflows.card;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Test only: an NTAG424 programmed as a Bolt Card by Flash's programme key. Each {@link #tap} writes the next
 * counter's {@code p} and {@code c}, as the card's SUN mirror does.
 */
public final class BoltCardEmulator {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] uid;
    private final CardKeys keys;
    private int counter;

    public BoltCardEmulator(byte[] issuerKey, byte[] uid, int version, int counter) {
        this.uid = uid.clone();
        this.keys = CardKeyDerivation.keys(issuerKey, uid, version);
        this.counter = counter;
    }

    /** A card with a random UID, version 0 and counter 0. */
    public static BoltCardEmulator fresh(byte[] issuerKey) {
        byte[] uid = new byte[7];
        RANDOM.nextBytes(uid);
        uid[0] = 0x04; // NXP's manufacturer code, as on every real NTAG424
        return new BoltCardEmulator(issuerKey, uid, 0, 0);
    }

    public byte[] uid() {
        return uid.clone();
    }

    /** The next tap: the counter goes up by one first, as on the card. */
    public Tap tap() {
        counter++;
        return tapAt(counter);
    }

    /** A tap at a given counter (a replay or a forged counter). */
    public Tap tapAt(int atCounter) {
        byte[] plain = new byte[16];
        plain[0] = (byte) SunMessages.PICC_DATA_TAG;
        System.arraycopy(uid, 0, plain, 1, 7);
        plain[8] = (byte) atCounter;
        plain[9] = (byte) (atCounter >>> 8);
        plain[10] = (byte) (atCounter >>> 16);
        byte[] padding = new byte[5];
        RANDOM.nextBytes(padding);
        System.arraycopy(padding, 0, plain, 11, 5);
        byte[] p = AesCmac.encryptBlock(keys.k1(), plain);
        byte[] c = SunMessages.mac(keys.k2(), new PiccData(uid, atCounter));
        HexFormat hex = HexFormat.of().withUpperCase();
        return new Tap(hex.formatHex(p), hex.formatHex(c), atCounter);
    }

    /** One tap's query parameters, upper-case hex as a real card writes them. */
    public record Tap(String p, String c, int counter) {

        public String query() {
            return "p=" + p + "&c=" + c;
        }
    }
}
