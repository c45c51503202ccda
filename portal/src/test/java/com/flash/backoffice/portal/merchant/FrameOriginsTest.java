package com.flash.backoffice.portal.merchant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameOriginsTest {

    @Test
    void origins_are_normalised_deduplicated_and_joined_by_spaces() {
        FrameOrigins.Parsed parsed = FrameOrigins.parse(
                " https://Shop.Example/ ,https://*.shop.example\nhttps://shop.example:8443;http://localhost:3000 https://shop.example");

        assertThat(parsed.ok()).isTrue();
        assertThat(parsed.origins())
                .isEqualTo(
                        "https://shop.example https://*.shop.example https://shop.example:8443 http://localhost:3000");
    }

    @Test
    void nothing_typed_means_no_site() {
        assertThat(FrameOrigins.parse("  ").origins()).isEmpty();
        assertThat(FrameOrigins.parse(null).origins()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "shop.example",
                "http://shop.example",
                "https://shop.example/checkout",
                "https://shop.example?x=1",
                "https://user@shop.example",
                "https://*",
                "https://sh*p.example",
                "javascript:alert(1)",
                "'self'",
                "*",
                "https://shop.example;script-src"
            })
    void anything_but_a_plain_origin_is_refused_with_the_offending_value(String typed) {
        FrameOrigins.Parsed parsed = FrameOrigins.parse("https://fine.example " + typed);

        assertThat(parsed.ok()).as(typed).isFalse();
        assertThat(parsed.error()).startsWith("Not a web site's origin");
    }

    @Test
    void at_most_ten_sites() {
        StringBuilder typed = new StringBuilder();
        for (int i = 0; i < 11; i++) {
            typed.append("https://shop").append(i).append(".example ");
        }

        assertThat(FrameOrigins.parse(typed.toString()).error()).isEqualTo("At most 10 web sites (11 given).");
    }
}
