package com.flash.backoffice.workflows.payment;

/** The wallet refused a send or a look-up, or could not be reached; the message carries the node's words. */
public class OnchainWalletException extends RuntimeException {

    public OnchainWalletException(String message, Throwable cause) {
        super(message, cause);
    }
}
