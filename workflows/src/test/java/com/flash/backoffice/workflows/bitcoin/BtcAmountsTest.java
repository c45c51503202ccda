package com.flash.backoffice.workflows.bitcoin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BtcAmountsTest {

    @Test
    void decimal_btc_converts_to_exact_satoshis() {
        assertThat(BtcAmounts.toSats(new BigDecimal("0.00250000"))).isEqualTo(250_000L);
        assertThat(BtcAmounts.toSats(new BigDecimal("1E-8"))).isEqualTo(1L);
        assertThat(BtcAmounts.toSats(new BigDecimal("20999999.99999999"))).isEqualTo(2_099_999_999_999_999L);
        assertThat(BtcAmounts.toSats(50L)).isEqualTo(5_000_000_000L);
        assertThat(BtcAmounts.toSats(new BigDecimal("0.1")))
                .as("0.1 is not exact as a double")
                .isEqualTo(10_000_000L);
    }

    @Test
    void fractions_of_a_satoshi_and_impossible_amounts_are_refused() {
        assertThatThrownBy(() -> BtcAmounts.toSats(new BigDecimal("0.000000001")))
                .isInstanceOf(BitcoinNodeException.class);
        assertThatThrownBy(() -> BtcAmounts.toSats(new BigDecimal("-1"))).isInstanceOf(BitcoinNodeException.class);
        assertThatThrownBy(() -> BtcAmounts.toSats(new BigDecimal("21000001")))
                .isInstanceOf(BitcoinNodeException.class);
        assertThatThrownBy(() -> BtcAmounts.toSats(null)).isInstanceOf(BitcoinNodeException.class);
    }
}
