package com.flash.backoffice.workflows.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.CMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bolt Card's cryptography against its published vectors (boltcard/boltcard docs/TEST_VECTORS.md and
 * DETERMINISTIC.md, RFC 4493 for the CMAC), and both ways against an independent implementation: BouncyCastle's AES
 * engine and CMac, which share no code with Flash's.
 */
class BoltCardCryptoTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    @ParameterizedTest(name = "RFC 4493 example, {0} bytes")
    @CsvSource({
        "0, '', bb1d6929e95937287fa37d129b756746",
        "16, 6bc1bee22e409f96e93d7e117393172a, 070a16b46b4d4144f79bdd9dd04a287c",
        "40, 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411, "
                + "dfa66747de9ae63030ca32611497c827",
        "64, 6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52ef"
                + "f69f2445df4f9b17ad2b417be66c3710, 51f0bebf7e3b9d92fc49741779363cfe"
    })
    void the_cmac_matches_rfc_4493(int length, String message, String expected) {
        byte[] key = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
        byte[] bytes = HEX.parseHex(message);
        assertThat(bytes).hasSize(length);
        assertThat(HEX.formatHex(AesCmac.mac(key, bytes))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "published SUN vector, counter {3}")
    @CsvSource({
        "4E2E289D945A66BB13377A728884E867, E19CCB1FED8892CE, 04996c6a926980, 3",
        "00F48C4F8E386DED06BCDC78FA92E2FE, 66B4826EA4C155B4, 04996c6a926980, 5",
        "0DBF3C59B59B0638D60B5842A997D4D1, CC61660C020B4D96, 04996c6a926980, 7"
    })
    void the_published_sun_vectors_decrypt_to_their_uid_and_counter_and_their_mac_validates(
            String p, String c, String uid, int counter) {
        byte[] k1 = HEX.parseHex("0c3b25d92b38ae443229dd59ad34b85d");
        byte[] k2 = HEX.parseHex("b45775776cb224c75bcde7ca3704e933");

        PiccData data = SunMessages.open(k1, HEX.parseHex(p)).orElseThrow();

        assertThat(HEX.formatHex(data.uid())).isEqualTo(uid);
        assertThat(data.counter()).isEqualTo(counter);
        assertThat(SunMessages.authentic(k2, data, HEX.parseHex(c))).isTrue();
        assertThat(data.toString()).as("a UID is never printed").doesNotContain(uid);
    }

    @Test
    void a_sun_message_under_another_key_or_with_another_counter_or_mac_is_refused() {
        byte[] k1 = HEX.parseHex("0c3b25d92b38ae443229dd59ad34b85d");
        byte[] k2 = HEX.parseHex("b45775776cb224c75bcde7ca3704e933");
        byte[] p = HEX.parseHex("4E2E289D945A66BB13377A728884E867");
        byte[] c = HEX.parseHex("E19CCB1FED8892CE");
        PiccData data = SunMessages.open(k1, p).orElseThrow();

        assertThat(SunMessages.open(HEX.parseHex("0c3b25d92b38ae443229dd59ad34b85e"), p))
                .isEmpty();
        assertThat(SunMessages.authentic(k2, new PiccData(data.uid(), 4), c)).isFalse();
        byte[] flipped = c.clone();
        flipped[7] ^= 1;
        assertThat(SunMessages.authentic(k2, data, flipped)).isFalse();
        assertThat(SunMessages.authentic(HEX.parseHex("b45775776cb224c75bcde7ca3704e934"), data, c))
                .isFalse();
        assertThat(SunMessages.authentic(k2, data, new byte[7])).isFalse();
    }

    @Test
    void the_deterministic_keys_match_the_published_vector() {
        byte[] issuer = HEX.parseHex("00000000000000000000000000000001");
        byte[] uid = HEX.parseHex("04a39493cc8680");

        CardKeys keys = CardKeyDerivation.keys(issuer, uid, 1);

        assertThat(HEX.formatHex(CardKeyDerivation.cardKey(issuer, uid, 1)))
                .isEqualTo("ebff5a4e6da5ee14cbfe720ae06fbed9");
        assertThat(HEX.formatHex(keys.k0())).isEqualTo("a29119fcb48e737d1591d3489557e49b");
        assertThat(HEX.formatHex(keys.k1())).isEqualTo("55da174c9608993dc27bb3f30a4a7314");
        assertThat(HEX.formatHex(keys.k2())).isEqualTo("f4b404be700ab285e333e32348fa3d3b");
        assertThat(HEX.formatHex(keys.k3())).isEqualTo("73610ba4afe45b55319691cb9489142f");
        assertThat(HEX.formatHex(keys.k4())).isEqualTo("addd03e52964369be7f2967736b7bdb5");
        assertThat(HEX.formatHex(CardKeyDerivation.id(issuer, uid))).isEqualTo("e07ce1279d980ecb892a81924b67bf18");
        assertThat(HEX.formatHex(CardKeyDerivation.k2(issuer, uid, 1))).isEqualTo(HEX.formatHex(keys.k2()));
        assertThat(keys.toString()).doesNotContain("a29119fc", "55da174c");
        assertThat(HEX.formatHex(CardKeyDerivation.keys(issuer, uid, 2).k2()))
                .as("a new version gives new keys")
                .isNotEqualTo(HEX.formatHex(keys.k2()));
    }

    @Test
    void the_cmac_agrees_with_bouncycastle_on_every_length_up_to_four_blocks() {
        for (int length = 0; length <= 64; length++) {
            byte[] key = random(16);
            byte[] message = random(length);
            assertThat(AesCmac.mac(key, message)).as(length + " bytes").isEqualTo(bouncyCmac(key, message));
        }
    }

    @Test
    void taps_this_code_writes_are_accepted_by_bouncycastle_and_taps_bouncycastle_writes_are_accepted_here() {
        for (int i = 0; i < 50; i++) {
            byte[] issuer = random(16);
            BoltCardEmulator card = BoltCardEmulator.fresh(issuer);
            int counter = RANDOM.nextInt(0xFFFFFF);
            BoltCardEmulator.Tap ours = card.tapAt(counter);
            byte[] k1 = CardKeyDerivation.k1(issuer);
            byte[] k2 = CardKeyDerivation.k2(issuer, card.uid(), 0);

            byte[] plain = bouncyDecrypt(k1, HEX.parseHex(ours.p()));
            assertThat(plain[0] & 0xff).isEqualTo(0xC7);
            assertThat(java.util.Arrays.copyOfRange(plain, 1, 8)).isEqualTo(card.uid());
            assertThat((plain[8] & 0xff) | (plain[9] & 0xff) << 8 | (plain[10] & 0xff) << 16)
                    .isEqualTo(counter);
            assertThat(HEX.parseHex(ours.c())).isEqualTo(bouncyMac(k2, card.uid(), counter));

            int theirCounter = RANDOM.nextInt(0xFFFFFF);
            byte[] theirPlain = random(16);
            theirPlain[0] = (byte) 0xC7;
            System.arraycopy(card.uid(), 0, theirPlain, 1, 7);
            theirPlain[8] = (byte) theirCounter;
            theirPlain[9] = (byte) (theirCounter >>> 8);
            theirPlain[10] = (byte) (theirCounter >>> 16);
            PiccData opened =
                    SunMessages.open(k1, bouncyEncrypt(k1, theirPlain)).orElseThrow();
            assertThat(opened.uid()).isEqualTo(card.uid());
            assertThat(opened.counter()).isEqualTo(theirCounter);
            assertThat(SunMessages.authentic(k2, opened, bouncyMac(k2, card.uid(), theirCounter)))
                    .isTrue();
        }
    }

    private static byte[] bouncyMac(byte[] k2, byte[] uid, int counter) {
        byte[] sv2 = new byte[16];
        System.arraycopy(HEX.parseHex("3cc300010080"), 0, sv2, 0, 6);
        System.arraycopy(uid, 0, sv2, 6, 7);
        sv2[13] = (byte) counter;
        sv2[14] = (byte) (counter >>> 8);
        sv2[15] = (byte) (counter >>> 16);
        byte[] full = bouncyCmac(bouncyCmac(k2, sv2), new byte[0]);
        byte[] odd = new byte[8];
        for (int i = 0; i < 8; i++) {
            odd[i] = full[2 * i + 1];
        }
        return odd;
    }

    private static byte[] bouncyCmac(byte[] key, byte[] message) {
        CMac cmac = new CMac(AESEngine.newInstance());
        cmac.init(new KeyParameter(key));
        cmac.update(message, 0, message.length);
        byte[] out = new byte[16];
        cmac.doFinal(out, 0);
        return out;
    }

    private static byte[] bouncyDecrypt(byte[] key, byte[] block) {
        var aes = AESEngine.newInstance();
        aes.init(false, new KeyParameter(key));
        byte[] out = new byte[16];
        aes.processBlock(block, 0, out, 0);
        return out;
    }

    private static byte[] bouncyEncrypt(byte[] key, byte[] block) {
        var aes = AESEngine.newInstance();
        aes.init(true, new KeyParameter(key));
        byte[] out = new byte[16];
        aes.processBlock(block, 0, out, 0);
        return out;
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }
}
