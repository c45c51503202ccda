package com.flash.backoffice.portal.invoice.ui;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.money.Msat;

/** How amounts read on screen: BTC to the satoshi (msat when there are any), the fiat amount beside it. */
final class InvoiceFormat {

    private InvoiceFormat() {}

    static String btc(long msat) {
        return Msat.ofMsat(msat).toBtcString();
    }

    static String amount(Invoice invoice) {
        if (invoice.amountMsat() == null) {
            return "top-up";
        }
        String btc = btc(invoice.amountMsat()) + " BTC";
        return invoice.fiatAmount() == null
                ? btc
                : invoice.fiatAmount().toPlainString() + " " + invoice.currency() + " (" + btc + ")";
    }
}
