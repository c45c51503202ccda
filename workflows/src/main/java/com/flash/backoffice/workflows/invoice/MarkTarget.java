package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceStatus;

/** The two statuses staff may set by hand (BTCPay's "mark as settled" and "mark as invalid"). */
public enum MarkTarget {
    SETTLED(InvoiceStatus.SETTLED),
    INVALID(InvoiceStatus.INVALID);

    private final InvoiceStatus status;

    MarkTarget(InvoiceStatus status) {
        this.status = status;
    }

    public InvoiceStatus status() {
        return status;
    }
}
