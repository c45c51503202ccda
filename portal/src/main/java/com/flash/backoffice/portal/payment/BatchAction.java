package com.flash.backoffice.portal.payment;

/** What a staff action on a batch came to, in FINANCE's words. */
public record BatchAction(boolean done, String message) {

    static BatchAction done(String message) {
        return new BatchAction(true, message);
    }

    static BatchAction refused(String message) {
        return new BatchAction(false, message);
    }
}
