package com.flash.backoffice.workflows.invoice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.money.Msat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InvoiceAmountsTest {

    @ParameterizedTest(name = "{0} msat with {1} bp tolerance needs {2} msat")
    @CsvSource({
        "100000000, 0, 100000000",
        "100000000, 100, 99000000",
        "100000001, 100, 99000001", // 99,000,000.99 rounds up
        "1, 5000, 1", // 0.5 rounds up: a customer never pays zero
        "3, 3333, 3", // 2.0001 rounds up
        "10000, 10000, 0"
    })
    void the_minimum_to_pay_rounds_the_tolerated_amount_up(long amount, int toleranceBp, long minimum) {
        assertThat(InvoiceAmounts.minimumToPay(amount, toleranceBp)).isEqualTo(minimum);
    }

    @ParameterizedTest(name = "{1} bp fee on {0} msat is {2} msat")
    @CsvSource({"100000000, 100, 1000000", "199, 100, 1", "99, 100, 0", "12345, 0, 0", "12345, 10000, 12345"})
    void the_fee_rounds_down_in_the_merchants_favour(long received, int feeBp, long fee) {
        assertThat(InvoiceAmounts.fee(received, feeBp)).isEqualTo(fee);
    }

    @Test
    void all_bitcoin_there_will_ever_be_does_not_overflow() {
        long all = Msat.ofSats(2_100_000_000_000_000L).msat();

        assertThat(InvoiceAmounts.minimumToPay(all, 1)).isEqualTo(all - all / 10_000);
        assertThat(InvoiceAmounts.fee(all, 250)).isEqualTo(all / 40);
    }

    @Test
    void basis_points_outside_0_to_10000_are_refused() {
        assertThatThrownBy(() -> InvoiceAmounts.fee(1, 10_001)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> InvoiceAmounts.minimumToPay(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
