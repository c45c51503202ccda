package com.flash.backoffice.reports.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void long_text_is_cut_in_the_middle_to_exactly_the_given_length_and_short_text_is_kept() {
        String bolt11 = "lnbcrt2500u1pjq7ft0pp5" + "q".repeat(100) + "hqpjn4jhe";

        String cut = Formats.abbreviated(bolt11, 36);

        assertThat(cut).hasSize(36).isEqualTo(bolt11.substring(0, 24) + "…" + bolt11.substring(bolt11.length() - 11));
        assertThat(Formats.abbreviated("alice@example.com", 36)).isEqualTo("alice@example.com");
        assertThat(Formats.abbreviated("x".repeat(36), 36)).isEqualTo("x".repeat(36));
        assertThat(Formats.abbreviated(null, 36)).isEmpty();
    }

    @Test
    void a_length_too_short_to_hold_both_ends_is_refused() {
        assertThatThrownBy(() -> Formats.abbreviated("abcdef", 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("too short");
    }
}
