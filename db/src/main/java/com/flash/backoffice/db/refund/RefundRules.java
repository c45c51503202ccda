package com.flash.backoffice.db.refund;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The one place of which invoices can be refunded (BTCPay's rule), used by the start and by every screen. */
public final class RefundRules {

    public static final int MAX_REASON_LENGTH = 500;

    private static final Set<InvoiceAdditionalStatus> REFUNDABLE_WHEN_EXPIRED = EnumSet.of(
            InvoiceAdditionalStatus.PAID_LATE, InvoiceAdditionalStatus.PAID_OVER, InvoiceAdditionalStatus.PAID_PARTIAL);

    private RefundRules() {}

    /** Why the invoice cannot be refunded, or empty when it can. */
    public static Optional<String> refusal(Invoice invoice) {
        if (invoice.paidMsat() <= 0) {
            return Optional.of("Nothing was paid on invoice " + invoice.id() + ", so there is nothing to refund.");
        }
        boolean refundable = invoice.status() == InvoiceStatus.SETTLED
                || invoice.status() == InvoiceStatus.INVALID
                || (invoice.status() == InvoiceStatus.EXPIRED
                        && REFUNDABLE_WHEN_EXPIRED.contains(invoice.additionalStatus()));
        if (!refundable) {
            return Optional.of("Invoice " + invoice.id() + " is " + describe(invoice)
                    + ": only Settled or Invalid invoices, or Expired ones paid late, over or in part, can be"
                    + " refunded.");
        }
        return Optional.empty();
    }

    public static boolean refundable(Invoice invoice) {
        return refusal(invoice).isEmpty();
    }

    private static String describe(Invoice invoice) {
        return invoice.additionalStatus() == InvoiceAdditionalStatus.NONE
                ? invoice.status().btcpayName()
                : invoice.status().btcpayName() + " ("
                        + invoice.additionalStatus().btcpayName() + ")";
    }
}
