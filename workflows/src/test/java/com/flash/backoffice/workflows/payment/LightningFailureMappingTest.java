package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.workflows.lightning.LightningFailureReason;
import org.junit.jupiter.api.Test;

/** Each of LND's failure reasons has the payment failure staff read. */
class LightningFailureMappingTest {

    @Test
    void every_node_failure_reason_maps_to_its_payment_failure() {
        assertThat(LightningPayments.failure(LightningFailureReason.NO_ROUTE)).isEqualTo(PaymentFailure.NO_ROUTE);
        assertThat(LightningPayments.failure(LightningFailureReason.INSUFFICIENT_BALANCE))
                .isEqualTo(PaymentFailure.INSUFFICIENT_BALANCE);
        assertThat(LightningPayments.failure(LightningFailureReason.INCORRECT_PAYMENT_DETAILS))
                .isEqualTo(PaymentFailure.INCORRECT_DETAILS);
        assertThat(LightningPayments.failure(LightningFailureReason.TIMEOUT)).isEqualTo(PaymentFailure.TIMEOUT);
        assertThat(LightningPayments.failure(LightningFailureReason.ERROR)).isEqualTo(PaymentFailure.ERROR);
    }
}
