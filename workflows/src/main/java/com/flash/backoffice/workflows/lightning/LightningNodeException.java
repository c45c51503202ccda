package com.flash.backoffice.workflows.lightning;

/** The Lightning node refused a call or could not be reached. */
public class LightningNodeException extends RuntimeException {

    public LightningNodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
