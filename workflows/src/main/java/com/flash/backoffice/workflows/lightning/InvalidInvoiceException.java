package com.flash.backoffice.workflows.lightning;

/** The string is not a BOLT11 invoice this node can pay; the message says why in the requester's words. */
public class InvalidInvoiceException extends RuntimeException {

    /** Why an invoice cannot be decoded. */
    public enum Reason {
        MALFORMED,
        WRONG_NETWORK
    }

    private final Reason reason;

    public InvalidInvoiceException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
