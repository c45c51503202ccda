package com.flash.backoffice.db.payment;

/** What a payment pays to (the workflows' DestinationKind, less UNKNOWN: nothing unknown is recorded). */
public enum PaymentKind {
    BOLT11,
    LIGHTNING_ADDRESS,
    LNURL_PAY,
    ONCHAIN
}
