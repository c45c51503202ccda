package com.flash.backoffice.db.payment;

/** Where a recorded payment stands; SUCCEEDED and FAILED are final. */
public enum PaymentState {
    /** The intent is recorded; nothing was handed to a node yet (or the worker died before it knew). */
    RECORDED,
    IN_FLIGHT,
    SUCCEEDED,
    FAILED;

    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
