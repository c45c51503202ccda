package com.flash.backoffice.workflows.lightning;

/** Why the node gave up on an outgoing payment (LND's PaymentFailureReason). */
public enum LightningFailureReason {
    NO_ROUTE,
    INSUFFICIENT_BALANCE,
    INCORRECT_PAYMENT_DETAILS,
    TIMEOUT,
    /** The node failed it for another reason, or refused to start it. */
    ERROR
}
