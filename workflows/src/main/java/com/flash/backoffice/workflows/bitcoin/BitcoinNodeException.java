package com.flash.backoffice.workflows.bitcoin;

/** The node could not be reached or answered something the adapter cannot read. */
public class BitcoinNodeException extends RuntimeException {

    public BitcoinNodeException(String message) {
        super(message);
    }

    public BitcoinNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
