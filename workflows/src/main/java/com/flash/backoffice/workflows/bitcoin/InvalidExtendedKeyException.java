package com.flash.backoffice.workflows.bitcoin;

/** The pasted key can't serve as a watch-only wallet; the message says why in the merchant's words. */
public class InvalidExtendedKeyException extends IllegalArgumentException {

    public InvalidExtendedKeyException(String message) {
        super(message);
    }
}
