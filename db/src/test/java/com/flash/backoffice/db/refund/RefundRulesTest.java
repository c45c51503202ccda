package com.flash.backoffice.db.refund;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import org.junit.jupiter.api.Test;

/** BTCPay's rule of which invoices can be refunded. */
class RefundRulesTest {

    @Test
    void settled_invalid_and_expired_invoices_paid_late_over_or_in_part_can_be_refunded() {
        assertThat(refundable(InvoiceStatus.SETTLED, InvoiceAdditionalStatus.NONE, 1))
                .isTrue();
        assertThat(refundable(InvoiceStatus.SETTLED, InvoiceAdditionalStatus.MARKED, 1))
                .isTrue();
        assertThat(refundable(InvoiceStatus.INVALID, InvoiceAdditionalStatus.NONE, 1))
                .isTrue();
        assertThat(refundable(InvoiceStatus.EXPIRED, InvoiceAdditionalStatus.PAID_LATE, 1))
                .isTrue();
        assertThat(refundable(InvoiceStatus.EXPIRED, InvoiceAdditionalStatus.PAID_OVER, 1))
                .isTrue();
        assertThat(refundable(InvoiceStatus.EXPIRED, InvoiceAdditionalStatus.PAID_PARTIAL, 1))
                .isTrue();
    }

    @Test
    void open_invoices_plain_expired_ones_and_unpaid_ones_cannot() {
        assertThat(refundable(InvoiceStatus.NEW, InvoiceAdditionalStatus.NONE, 1))
                .isFalse();
        assertThat(refundable(InvoiceStatus.PROCESSING, InvoiceAdditionalStatus.NONE, 1))
                .isFalse();
        assertThat(refundable(InvoiceStatus.EXPIRED, InvoiceAdditionalStatus.NONE, 1))
                .isFalse();
        assertThat(refundable(InvoiceStatus.SETTLED, InvoiceAdditionalStatus.MARKED, 0))
                .isFalse();
        assertThat(RefundRules.refusal(RefundAmountsTest.invoice(
                                "EUR", 1_000L, 1_000L, null, InvoiceStatus.PROCESSING, InvoiceAdditionalStatus.NONE))
                        .orElseThrow())
                .isEqualTo("Invoice inv1 is Processing: only Settled or Invalid invoices, or Expired ones paid late,"
                        + " over or in part, can be refunded.");
    }

    private static boolean refundable(InvoiceStatus status, InvoiceAdditionalStatus additional, long paidMsat) {
        return RefundRules.refundable(RefundAmountsTest.invoice("EUR", 1_000L, paidMsat, null, status, additional));
    }
}
