package com.flash.backoffice.workflows.lightning;

/** Where an outgoing payment stands on the node; only SUCCEEDED and FAILED are final. */
public enum LightningPaymentStatus {
    IN_FLIGHT,
    SUCCEEDED,
    FAILED;

    public boolean isFinal() {
        return this != IN_FLIGHT;
    }
}
