package com.flash.backoffice.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class MasterKeyConfigurationTest {

    @Test
    void a_configured_master_key_is_64_hex_characters_and_anything_else_stops_the_start_with_the_reason() {
        assertThat(MasterKeyConfiguration.masterKey("ab".repeat(32)))
                .isEqualTo(HexFormat.of().parseHex("ab".repeat(32)));
        assertThatThrownBy(() -> MasterKeyConfiguration.masterKey("ab".repeat(16)))
                .hasMessage("FLASH_CARD_MASTER_KEY must be 64 hexadecimal characters (32 bytes), not 32 characters");
        assertThatThrownBy(() -> MasterKeyConfiguration.masterKey("zz".repeat(32)))
                .hasMessageStartingWith("FLASH_CARD_MASTER_KEY must be 64 hexadecimal characters");
    }

    @Test
    void without_one_the_development_key_is_fixed_so_sealed_keys_survive_a_restart() {
        assertThat(MasterKeyConfiguration.masterKey("")).hasSize(32).isEqualTo(MasterKeyConfiguration.masterKey(null));
    }
}
