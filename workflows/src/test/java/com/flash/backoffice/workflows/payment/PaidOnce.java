package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.workflows.regtest.LndNode;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.lightningj.lnd.wrapper.message.HTLCAttempt;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.InvoiceHTLCState;
import org.lightningj.lnd.wrapper.message.ListPaymentsRequest;
import org.lightningj.lnd.wrapper.message.Payment;

/** The nodes' own records of a payment: the payer sent it once and it succeeded once, the payee settled it once. */
public final class PaidOnce {

    private final Map<String, List<Payment>> sentByHash;
    private final LndNode payee;

    private PaidOnce(Map<String, List<Payment>> sentByHash, LndNode payee) {
        this.sentByHash = sentByHash;
        this.payee = payee;
    }

    /** Reads every payment {@code payer} ever made, in flight or done. */
    public static PaidOnce between(LndNode payer, LndNode payee) throws Exception {
        ListPaymentsRequest list = new ListPaymentsRequest();
        list.setIncludeIncomplete(true);
        list.setMaxPayments(100_000L);
        return new PaidOnce(
                payer.api().listPayments(list).getPayments().stream()
                        .collect(Collectors.groupingBy(Payment::getPaymentHash)),
                payee);
    }

    /** The invoice {@code rHash} of {@code amountMsat}: one payment, one succeeded attempt, settled once. */
    public void assertPaidOnce(byte[] rHash, long amountMsat, String what) throws Exception {
        assertThat(sentByHash.get(java.util.HexFormat.of().formatHex(rHash)))
                .as("the payer's payments to %s's invoice", what)
                .singleElement()
                .satisfies(payment -> {
                    assertThat(payment.getStatus()).isEqualTo(Payment.PaymentStatus.SUCCEEDED);
                    assertThat(payment.getValueMsat()).isEqualTo(amountMsat);
                    assertThat(payment.getHtlcs().stream()
                                    .filter(htlc -> htlc.getStatus() == HTLCAttempt.HTLCStatus.SUCCEEDED)
                                    .count())
                            .as("succeeded attempts")
                            .isEqualTo(1);
                });
        Invoice invoice = payee.api().lookupInvoice(null, rHash);
        assertThat(invoice.getState()).isEqualTo(Invoice.InvoiceState.SETTLED);
        assertThat(invoice.getAmtPaidMsat()).isEqualTo(amountMsat);
        assertThat(invoice.getHtlcs().stream()
                        .filter(htlc -> htlc.getState() == InvoiceHTLCState.SETTLED)
                        .count())
                .as("HTLCs settled on %s's invoice", what)
                .isEqualTo(1);
    }
}
