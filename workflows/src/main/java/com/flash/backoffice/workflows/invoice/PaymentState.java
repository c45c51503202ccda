package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.ledger.NewLedgerAccount;
import java.time.Instant;

/** The workflow's view of one payment; {@code fundedBy} as in {@link PaymentObserved}. */
public record PaymentState(
        String paymentRef,
        PaymentMethod method,
        String destination,
        long amountMsat,
        int confirmations,
        boolean rbf,
        PaymentStatus status,
        Instant seenAt,
        NewLedgerAccount fundedBy) {

    public PaymentState(
            String paymentRef,
            PaymentMethod method,
            String destination,
            long amountMsat,
            int confirmations,
            boolean rbf,
            PaymentStatus status,
            Instant seenAt) {
        this(paymentRef, method, destination, amountMsat, confirmations, rbf, status, seenAt, null);
    }

    public boolean counted() {
        return status != PaymentStatus.DROPPED;
    }

    PaymentState withConfirmations(int value) {
        return new PaymentState(paymentRef, method, destination, amountMsat, value, rbf, status, seenAt, fundedBy);
    }

    PaymentState withStatus(PaymentStatus value) {
        return new PaymentState(
                paymentRef, method, destination, amountMsat, confirmations, rbf, value, seenAt, fundedBy);
    }

    PaymentState withRbf(boolean value) {
        return new PaymentState(
                paymentRef, method, destination, amountMsat, confirmations, value, status, seenAt, fundedBy);
    }
}
