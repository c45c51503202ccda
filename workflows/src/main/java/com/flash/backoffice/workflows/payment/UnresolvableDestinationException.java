package com.flash.backoffice.workflows.payment;

/** A destination that cannot be turned into something to pay; the message is what the requester reads. */
public class UnresolvableDestinationException extends RuntimeException {

    public UnresolvableDestinationException(String message) {
        super(message);
    }
}
