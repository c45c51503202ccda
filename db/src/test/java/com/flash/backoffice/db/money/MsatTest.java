package com.flash.backoffice.db.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MsatTest {

    @Test
    void sats_are_a_thousand_msat() {
        assertThat(Msat.ofSats(21).msat()).isEqualTo(21_000);
        assertThat(Msat.ofSats(21).toSatsExact()).isEqualTo(21);
    }

    @Test
    void adding_and_subtracting_is_exact() {
        assertThat(Msat.ofMsat(1_500).plus(Msat.ofSats(1))).isEqualTo(Msat.ofMsat(2_500));
        assertThat(Msat.ofMsat(1_500).minus(Msat.ofMsat(2_000))).isEqualTo(Msat.ofMsat(-500));
        assertThat(Msat.ofMsat(7).times(3)).isEqualTo(Msat.ofMsat(21));
    }

    @Test
    void overflow_throws_instead_of_wrapping() {
        assertThatThrownBy(() -> Msat.ofMsat(Long.MAX_VALUE).plus(Msat.ofMsat(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Msat.ofMsat(Long.MIN_VALUE).minus(Msat.ofMsat(1)))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Msat.ofSats(Long.MAX_VALUE / 100)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void a_millisatoshi_remainder_is_not_a_whole_number_of_sats() {
        assertThatThrownBy(() -> Msat.ofMsat(1_001).toSatsExact())
                .isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("1001 msat");
        assertThat(Msat.ofMsat(1_999).toSatsRoundedDown()).isEqualTo(1);
    }

    @Test
    void btc_string_has_eight_decimals_or_eleven_for_millisatoshis() {
        assertThat(Msat.ofSats(12_345).toBtcString()).isEqualTo("0.00012345");
        assertThat(Msat.ofSats(100_000_000).toBtcString()).isEqualTo("1.00000000");
        assertThat(Msat.ofMsat(1).toBtcString()).isEqualTo("0.00000000001");
        assertThat(Msat.ZERO.toBtcString()).isEqualTo("0.00000000");
        assertThat(Msat.ofSats(-150_000_000).toBtcString()).isEqualTo("-1.50000000");
        assertThat(Msat.ofMsat(Long.MAX_VALUE).toBtcString()).isEqualTo("92233720.36854775807");
    }

    @Test
    void btc_amounts_convert_exactly_or_not_at_all() {
        assertThat(Msat.ofBtc(new BigDecimal("0.00012345"))).isEqualTo(Msat.ofSats(12_345));
        assertThat(Msat.ofBtc(new BigDecimal("0.00000000001"))).isEqualTo(Msat.ofMsat(1));
        assertThatThrownBy(() -> Msat.ofBtc(new BigDecimal("0.000000000001"))).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void amounts_compare_by_value() {
        assertThat(Msat.ofMsat(1)).isGreaterThan(Msat.ZERO);
        assertThat(Msat.ofMsat(-1).isNegative()).isTrue();
        assertThat(Msat.ZERO.isZero()).isTrue();
        assertThat(Msat.ofMsat(5).negate()).isEqualTo(Msat.ofMsat(-5));
        assertThat(Msat.ofMsat(5)).hasToString("5 msat");
    }
}
