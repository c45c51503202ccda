package com.flash.backoffice.workflows.payment;

/** Why a payment ended without paying; the message beside each constant is what staff read. */
public enum PaymentFailure {
    NO_ROUTE("No route to the destination within the fee limit"),
    INSUFFICIENT_BALANCE("Flash's node has not enough outbound balance"),
    INCORRECT_DETAILS("The destination refused the payment details (unknown hash, wrong amount or expired)"),
    TIMEOUT("The payment timed out before it reached a final state"),
    INVALID_DESTINATION("The destination is not valid for this payment"),
    ERROR("The node reported an error");

    private final String message;

    PaymentFailure(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
