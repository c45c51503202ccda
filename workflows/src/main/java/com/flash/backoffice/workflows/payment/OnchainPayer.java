package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.Payment;
import java.util.function.Consumer;

/**
 * The seam for on-chain payments: pays a recorded payment (its intent is stored) exactly once and returns its
 * final state, which the payment activity stores. It calls {@code heartbeat} while it waits.
 */
public interface OnchainPayer {

    PaymentResult pay(Payment payment, Consumer<String> heartbeat);
}
