package com.flash.backoffice.workflows.payment;

/** Where a payment stands: only SUCCEEDED and FAILED are final. */
public enum PaymentStatus {
    /** Sent (or broadcast) and not final yet. */
    IN_FLIGHT,
    SUCCEEDED,
    FAILED;

    public boolean isFinal() {
        return this != IN_FLIGHT;
    }
}
