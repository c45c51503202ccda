package com.flash.backoffice.workflows.invoice;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What finance is told when a settlement is reversed because its payment was double-spent: the invoice, the
 * payments that were dropped, the amount taken back from the merchant and the reversal's ledger entry.
 */
public record DoubleSpendNotice(
        String invoiceId,
        String merchantId,
        List<String> droppedPaymentRefs,
        long reversedMsat,
        String reversalSourceKey,
        Instant at) {

    public DoubleSpendNotice {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(reversalSourceKey, "reversalSourceKey");
        Objects.requireNonNull(at, "at");
        droppedPaymentRefs = List.copyOf(droppedPaymentRefs);
    }

    static DoubleSpendNotice of(InvoiceState before, InvoiceState after, SettlementPosting reversal, Instant at) {
        List<String> dropped = after.payments().stream()
                .filter(payment -> !payment.counted())
                .filter(payment -> before.payment(payment.paymentRef())
                        .map(PaymentState::counted)
                        .orElse(false))
                .map(PaymentState::paymentRef)
                .toList();
        return new DoubleSpendNotice(
                after.invoiceId(),
                after.terms().merchantId(),
                dropped,
                reversal.receivedMsat(),
                reversal.sourceKey(),
                at);
    }

    /** One notice per reversal: a retried activity finds it by this key. */
    public String noticeKey() {
        return reversalSourceKey;
    }
}
