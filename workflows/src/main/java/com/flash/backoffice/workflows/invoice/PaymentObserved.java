package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.PaymentMethod;
import java.util.Objects;

/**
 * A watcher saw a payment to one of the invoice's destinations. {@code paymentRef} identifies it for good
 * (txid:vout on-chain, the payment hash on Lightning): the same reference signalled twice counts once.
 */
public record PaymentObserved(
        String paymentRef, PaymentMethod method, String destination, long amountMsat, int confirmations, boolean rbf) {

    public PaymentObserved {
        Objects.requireNonNull(paymentRef, "paymentRef");
        Objects.requireNonNull(method, "method");
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("a payment amount must be positive: " + amountMsat);
        }
        if (confirmations < 0) {
            throw new IllegalArgumentException("confirmations cannot be negative: " + confirmations);
        }
    }

    public static PaymentObserved onChain(
            String txidVout, String address, long amountMsat, int confirmations, boolean rbf) {
        return new PaymentObserved(txidVout, PaymentMethod.BTC_CHAIN, address, amountMsat, confirmations, rbf);
    }

    public static PaymentObserved lightning(String paymentHash, long amountMsat) {
        return new PaymentObserved(paymentHash, PaymentMethod.BTC_LN, null, amountMsat, 0, false);
    }
}
