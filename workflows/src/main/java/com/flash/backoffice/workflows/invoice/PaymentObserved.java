package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import java.util.Objects;

/**
 * A watcher saw a payment to one of the invoice's destinations. {@code paymentRef} identifies it for good
 * (txid:vout on-chain, the payment hash on Lightning): the same reference signalled twice counts once.
 * {@code fundedBy} is set for an internal payment: the invoice's Lightning invoice paid out of an account of the ledger
 * (a Flash card's), so its settlement debits that account instead of Flash's Lightning asset. Null otherwise.
 */
public record PaymentObserved(
        String paymentRef,
        PaymentMethod method,
        String destination,
        long amountMsat,
        int confirmations,
        boolean rbf,
        NewLedgerAccount fundedBy) {

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

    public PaymentObserved(
            String paymentRef,
            PaymentMethod method,
            String destination,
            long amountMsat,
            int confirmations,
            boolean rbf) {
        this(paymentRef, method, destination, amountMsat, confirmations, rbf, null);
    }

    public static PaymentObserved onChain(
            String txidVout, String address, long amountMsat, int confirmations, boolean rbf) {
        return new PaymentObserved(txidVout, PaymentMethod.BTC_CHAIN, address, amountMsat, confirmations, rbf);
    }

    public static PaymentObserved lightning(String paymentHash, long amountMsat) {
        return new PaymentObserved(paymentHash, PaymentMethod.BTC_LN, null, amountMsat, 0, false);
    }

    /** The invoice's Lightning invoice paid inside Flash, out of {@code fundedBy}: final at once, like Lightning. */
    public static PaymentObserved internal(
            String paymentRef, String payer, long amountMsat, NewLedgerAccount fundedBy) {
        Objects.requireNonNull(fundedBy, "fundedBy");
        return new PaymentObserved(paymentRef, PaymentMethod.BTC_LN, payer, amountMsat, 0, false, fundedBy);
    }
}
