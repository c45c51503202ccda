package com.flash.backoffice.portal.dev;

/** The development application could not start; the message is the one line it prints before it exits. */
final class DevStartException extends RuntimeException {

    DevStartException(String message) {
        super(message);
    }

    DevStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
