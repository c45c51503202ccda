package com.flash.backoffice.workflows.rate;

/** A rate source failed to give a price; the message says why, as the rates page shows it. */
public class RateProviderException extends RuntimeException {

    public RateProviderException(String message) {
        super(message);
    }

    public RateProviderException(String message, Throwable cause) {
        super(message, cause);
    }
}
