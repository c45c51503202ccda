package com.flash.backoffice.workflows.invoice;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ledger entry for an invoice: its settlement, or the reversal of a settlement that staff marked and
 * then marked invalid, or that a double-spent payment left short. {@code sourceKey} makes it idempotent; {@code bookedAt} is the workflow's time of
 * the transition, so a retried activity writes the very same entry.
 */
public record SettlementPosting(
        String sourceKey,
        String invoiceId,
        String merchantId,
        long onchainMsat,
        long lightningMsat,
        int processingFeeBasisPoints,
        boolean reversal,
        Instant bookedAt) {

    public SettlementPosting {
        Objects.requireNonNull(sourceKey, "sourceKey");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(bookedAt, "bookedAt");
    }

    /** The posting a change of booking calls for, if any. */
    public static Optional<SettlementPosting> between(InvoiceState before, InvoiceState after, Instant at) {
        SettlementBooking was = before.booking();
        SettlementBooking now = after.booking();
        if (now.postings() == was.postings()) {
            return Optional.empty();
        }
        InvoiceRequest terms = after.terms();
        boolean reversal = !now.inForce();
        SettlementBooking amounts = reversal ? was : now;
        return Optional.of(new SettlementPosting(
                sourceKey(terms.invoiceId(), now.postings(), reversal),
                terms.invoiceId(),
                terms.merchantId(),
                amounts.onchainMsat(),
                amounts.lightningMsat(),
                terms.processingFeeBasisPoints(),
                reversal,
                at));
    }

    /** {@code invoice-<id>-settlement} for the first settlement; later postings carry their number. */
    static String sourceKey(String invoiceId, int posting, boolean reversal) {
        String base = "invoice-" + invoiceId + "-settlement";
        if (reversal) {
            return base + "-reversal-" + posting;
        }
        return posting == 1 ? base : base + "-" + posting;
    }

    public long receivedMsat() {
        return Math.addExact(onchainMsat, lightningMsat);
    }
}
