package com.flash.backoffice.db.payment;

/**
 * A payment id or payment hash is already taken by a different payment: an intent with the same id but another
 * destination or amount, or a BOLT11 another payment id pays already. Nothing was written.
 */
public class ConflictingPaymentException extends RuntimeException {

    public ConflictingPaymentException(String message) {
        super(message);
    }
}
