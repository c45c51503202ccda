package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import java.time.Instant;

/** The workflow's view of one payment. */
public record PaymentState(
        String paymentRef,
        PaymentMethod method,
        String destination,
        long amountMsat,
        int confirmations,
        boolean rbf,
        PaymentStatus status,
        Instant seenAt) {

    public boolean counted() {
        return status != PaymentStatus.DROPPED;
    }

    PaymentState withConfirmations(int value) {
        return new PaymentState(paymentRef, method, destination, amountMsat, value, rbf, status, seenAt);
    }

    PaymentState withStatus(PaymentStatus value) {
        return new PaymentState(paymentRef, method, destination, amountMsat, confirmations, rbf, value, seenAt);
    }

    PaymentState withRbf(boolean value) {
        return new PaymentState(paymentRef, method, destination, amountMsat, confirmations, value, status, seenAt);
    }
}
