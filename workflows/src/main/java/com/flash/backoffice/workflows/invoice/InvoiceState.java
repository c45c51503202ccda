package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.money.Msat;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The invoice workflow's state: immutable, changed only by {@link InvoiceRules}. {@code revision} grows by one
 * with every change and orders the writes to the database. {@code statusReason} is the staff's marking reason.
 * {@code attentionReason} is set while the workflow waits for staff because the ledger refused a posting.
 */
public record InvoiceState(
        InvoiceRequest terms,
        InvoiceStatus status,
        InvoiceAdditionalStatus additionalStatus,
        List<PaymentState> payments,
        SettlementBooking booking,
        String statusReason,
        int revision,
        String attentionReason) {

    public InvoiceState {
        Objects.requireNonNull(terms, "terms");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(additionalStatus, "additionalStatus");
        Objects.requireNonNull(booking, "booking");
        payments = List.copyOf(payments);
    }

    public String invoiceId() {
        return terms.invoiceId();
    }

    /** The sum of the payments that count (not dropped). */
    public long paidMsat() {
        return sum(payments.stream().filter(PaymentState::counted).toList());
    }

    public long paidMsat(PaymentMethod method) {
        return sum(payments.stream()
                .filter(PaymentState::counted)
                .filter(payment -> payment.method() == method)
                .toList());
    }

    /** BTCPay's minimumDue: what is still missing before the invoice counts as paid in full; zero or less when paid. */
    public long minimumDueMsat() {
        long threshold = terms.amountMsat() == null
                ? 1
                : InvoiceAmounts.minimumToPay(terms.amountMsat(), terms.toleranceBasisPoints());
        return Math.subtractExact(threshold, paidMsat());
    }

    /** A top-up invoice (no amount) is paid in full by any payment. */
    public boolean paidInFull() {
        return minimumDueMsat() <= 0;
    }

    public boolean overpaid() {
        return terms.amountMsat() != null && paidMsat() > terms.amountMsat();
    }

    /** Every counted payment has the confirmations it needs. */
    public boolean countedPaymentsFinal() {
        return payments.stream().filter(PaymentState::counted).allMatch(p -> p.status() == PaymentStatus.CONFIRMED);
    }

    public Optional<PaymentState> payment(String paymentRef) {
        return payments.stream().filter(p -> p.paymentRef().equals(paymentRef)).findFirst();
    }

    /** The next moment the workflow must act without a signal: expiry while New, else the end of monitoring. */
    public Instant nextDeadline() {
        return status == InvoiceStatus.NEW ? terms.expiresAt() : terms.monitoringUntil();
    }

    InvoiceState with(InvoiceStatus newStatus, InvoiceAdditionalStatus newAdditional) {
        return new InvoiceState(
                terms, newStatus, newAdditional, payments, booking, statusReason, revision, attentionReason);
    }

    InvoiceState withPayments(List<PaymentState> newPayments) {
        return new InvoiceState(
                terms, status, additionalStatus, newPayments, booking, statusReason, revision, attentionReason);
    }

    InvoiceState withBooking(SettlementBooking newBooking) {
        return new InvoiceState(
                terms, status, additionalStatus, payments, newBooking, statusReason, revision, attentionReason);
    }

    InvoiceState withStatusReason(String reason) {
        return new InvoiceState(terms, status, additionalStatus, payments, booking, reason, revision, attentionReason);
    }

    InvoiceState withRevision(int newRevision) {
        return new InvoiceState(
                terms, status, additionalStatus, payments, booking, statusReason, newRevision, attentionReason);
    }

    public boolean needsAttention() {
        return attentionReason != null;
    }

    InvoiceState withAttentionReason(String reason) {
        return new InvoiceState(terms, status, additionalStatus, payments, booking, statusReason, revision, reason);
    }

    private static long sum(List<PaymentState> counted) {
        Msat total = Msat.ZERO;
        for (PaymentState payment : counted) {
            total = total.plus(Msat.ofMsat(payment.amountMsat()));
        }
        return total.msat();
    }
}
