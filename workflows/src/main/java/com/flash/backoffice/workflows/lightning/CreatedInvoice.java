package com.flash.backoffice.workflows.lightning;

import java.util.Objects;

/** A BOLT11 invoice the node created; {@code paymentHash} is lower-case hex. */
public record CreatedInvoice(String bolt11, String paymentHash, long addIndex) {

    public CreatedInvoice {
        Objects.requireNonNull(bolt11, "bolt11");
        Objects.requireNonNull(paymentHash, "paymentHash");
    }
}
