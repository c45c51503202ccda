package com.flash.backoffice.db.card;

import java.util.Objects;

/** The invoice of this system a tap's BOLT11 belongs to: the tap is settled inside Flash, to its merchant. */
public record InternalInvoice(String invoiceId, String merchantId) {

    public InternalInvoice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(merchantId, "merchantId");
    }
}
