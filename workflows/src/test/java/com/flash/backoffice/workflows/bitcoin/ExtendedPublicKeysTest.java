package com.flash.backoffice.workflows.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExtendedPublicKeysTest {

    // BIP84 test vector: mnemonic "abandon abandon ... about", account 0
    static final String BIP84_ZPUB =
            "zpub6rFR7y4Q2AijBEqTUquhVz398htDFrtymD9xYYfG1m4wAcvPhXNfE3EfH1r1ADqtfSdVCToUG868RvUUkgDKf31mGDtKsAYz2oz2AGutZYs";
    static final String BIP84_ZPRV =
            "zprvAdG4iTXWBoARxkkzNpNh8r6Qag3irQB8PzEMkAFeTRXxHpbF9z4QgEvBRmfvqWvGp42t42nvgGpNgYSJA9iefm1yYNZKEm7z6qUWCroSQnE";

    @Test
    void bip84_zpub_derives_the_test_vectors_first_receive_address() {
        WatchOnlyKey key = ExtendedPublicKeys.parse(BIP84_ZPUB, ChainNetwork.MAINNET);

        assertThat(key.firstReceiveAddress()).isEqualTo("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
        assertThat(key.receiveAddress(1)).isEqualTo("bc1qnjg0jd8228aq7egyzacy8cys3knf9xvrerkf9g");
    }

    @Test
    void surrounding_whitespace_is_ignored() {
        assertThat(ExtendedPublicKeys.parse("  " + BIP84_ZPUB + "\n", ChainNetwork.MAINNET)
                        .firstReceiveAddress())
                .isEqualTo("bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu");
    }

    @Test
    void a_private_key_is_refused_with_a_warning() {
        assertThatThrownBy(() -> ExtendedPublicKeys.parse(BIP84_ZPRV, ChainNetwork.MAINNET))
                .isInstanceOf(InvalidExtendedKeyException.class)
                .hasMessageContaining("PRIVATE");
    }

    @Test
    void a_mainnet_key_is_refused_on_regtest() {
        assertThatThrownBy(() -> ExtendedPublicKeys.parse(BIP84_ZPUB, ChainNetwork.REGTEST))
                .isInstanceOf(InvalidExtendedKeyException.class)
                .hasMessageContaining("mainnet key");
    }

    @Test
    void a_typo_fails_the_checksum() {
        String typo = BIP84_ZPUB.substring(0, 20) + "X" + BIP84_ZPUB.substring(21);
        assertThatThrownBy(() -> ExtendedPublicKeys.parse(typo, ChainNetwork.MAINNET))
                .isInstanceOf(InvalidExtendedKeyException.class)
                .hasMessageContaining("checksum");
    }

    @Test
    void blank_input_asks_for_a_key() {
        assertThatThrownBy(() -> ExtendedPublicKeys.parse(" ", ChainNetwork.MAINNET))
                .isInstanceOf(InvalidExtendedKeyException.class)
                .hasMessageContaining("Enter");
    }
}
