package com.flash.backoffice.portal.refund.ui;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.portal.refund.RefundService;
import com.flash.backoffice.portal.security.CurrentUser;

/** Lets the invoice page show an invoice's refunds without reaching into the refund feature's service. */
@org.springframework.stereotype.Component
public class InvoiceRefunds {

    private final RefundService refunds;
    private final CurrentUser currentUser;

    InvoiceRefunds(RefundService refunds, CurrentUser currentUser) {
        this.refunds = refunds;
        this.currentUser = currentUser;
    }

    public com.vaadin.flow.component.Component panel(Invoice invoice) {
        return new InvoiceRefundsPanel(refunds, currentUser, invoice);
    }
}
