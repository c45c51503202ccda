package com.flash.backoffice.workflows.payment;

/** The kinds of destination the payment feature pays. */
public enum DestinationKind {
    BOLT11,
    LIGHTNING_ADDRESS,
    LNURL_PAY,
    ONCHAIN,
    /** Not recognisable as any of the above. */
    UNKNOWN;

    public boolean lightning() {
        return this == BOLT11 || this == LIGHTNING_ADDRESS || this == LNURL_PAY;
    }
}
