package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Bech32LnurlTest {

    /** The example of LUD-01. */
    private static final String LUD01_EXAMPLE =
            "LNURL1DP68GURN8GHJ7UM9WFMXJCM99E3K7MF0V9CXJ0M385EKVCENXC6R2C35XVUKXEFCV5MKV"
                    + "V34X5EKZD3EV56NYD3HXQURZEPEXEJXXEPNXSCRVWFNV9NXZCN9XQ6XYEFHVGCXXCMYXYMNSERXFQ5FNS";

    @Test
    void the_lud01_example_decodes_to_its_documented_url() {
        assertThat(Bech32Lnurl.decode(LUD01_EXAMPLE))
                .isEqualTo(
                        "https://service.com/api?q=3fc3645b439ce8e7f2553a69e5267081d96dcd340693afabe04be7b0ccd178df");
        assertThat(Bech32Lnurl.decode(LUD01_EXAMPLE.toLowerCase())).startsWith("https://service.com/api?q=");
    }

    @Test
    void encoding_the_lud01_examples_url_gives_its_documented_lnurl() {
        assertThat(Bech32Lnurl.encode(
                        "https://service.com/api?q=3fc3645b439ce8e7f2553a69e5267081d96dcd340693afabe04be7b0ccd178df"))
                .isEqualTo(LUD01_EXAMPLE);
    }

    @Test
    void an_lnurl_longer_than_bip173s_90_characters_decodes() {
        String url = "https://example.com/lnurlp/" + "a".repeat(300);
        String lnurl = Bech32Encoding.encode("lnurl", url.getBytes(StandardCharsets.UTF_8));
        assertThat(lnurl.length()).isGreaterThan(400);
        assertThat(Bech32Lnurl.decode(lnurl)).isEqualTo(url);
    }

    @Test
    void a_mistyped_character_fails_the_checksum() {
        String mistyped = LUD01_EXAMPLE.substring(0, 20)
                + (LUD01_EXAMPLE.charAt(20) == 'Q' ? 'P' : 'Q')
                + LUD01_EXAMPLE.substring(21);
        assertThatThrownBy(() -> Bech32Lnurl.decode(mistyped))
                .hasMessage("the checksum does not match (a mistyped character?)");
    }

    @Test
    void mixed_case_is_refused() {
        String mixed = "lnurl" + LUD01_EXAMPLE.substring(5);
        assertThatThrownBy(() -> Bech32Lnurl.decode(mixed)).hasMessage("mixes upper and lower case");
    }

    @Test
    void a_character_outside_the_bech32_alphabet_is_named() {
        assertThatThrownBy(() -> Bech32Lnurl.decode("lnurl1dp68gurn8ghj7bm9wfmx"))
                .hasMessage("'b' is not a bech32 character");
    }

    @Test
    void another_prefix_is_refused() {
        String segwit = Bech32Encoding.encode("lnurlx", new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Bech32Lnurl.decode(segwit)).hasMessage("its prefix is not \"lnurl1\"");
    }

    @Test
    void text_that_is_not_utf8_is_refused() {
        String lnurl = Bech32Encoding.encode("lnurl", new byte[] {(byte) 0xff, (byte) 0xfe, 0x41});
        assertThatThrownBy(() -> Bech32Lnurl.decode(lnurl)).hasMessage("it does not encode UTF-8 text");
    }

    @Test
    void more_than_2000_characters_are_refused() {
        String lnurl = Bech32Encoding.encode("lnurl", "x".repeat(1300).getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Bech32Lnurl.decode(lnurl)).hasMessage("longer than 2000 characters");
    }
}
