package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.Payment;
import java.util.function.Consumer;

/** On-chain payments are not built yet: every one fails as an invalid destination, sending nothing. */
public class UnsupportedOnchainPayer implements OnchainPayer {

    @Override
    public PaymentResult pay(Payment payment, Consumer<String> heartbeat) {
        return PaymentResult.failed(
                payment.paymentId(), PaymentFailure.INVALID_DESTINATION, "On-chain payments are not supported yet");
    }
}
