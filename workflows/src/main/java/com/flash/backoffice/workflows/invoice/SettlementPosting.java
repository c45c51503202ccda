package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.merchant.OnchainCustody;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One ledger entry for an invoice: the difference between what the ledger held for it ({@code before}) and what it
 * must hold now ({@code after}): a settlement, a move to or out of suspense, or the reversal of everything booked
 * (staff marked a marked-settled invoice invalid, or a double-spent payment left a settlement short).
 * {@code sourceKey} makes it idempotent; {@code bookedAt} is the workflow's time of the transition, so a retried
 * activity writes the very same entry.
 */
public record SettlementPosting(
        String sourceKey,
        String invoiceId,
        String merchantId,
        int processingFeeBasisPoints,
        OnchainCustody onchainCustody,
        SettlementBooking before,
        SettlementBooking after,
        Instant bookedAt) {

    public SettlementPosting {
        Objects.requireNonNull(sourceKey, "sourceKey");
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(bookedAt, "bookedAt");
        if (onchainCustody == null) {
            onchainCustody = OnchainCustody.MERCHANT_WALLET;
        }
    }

    /** The posting a change of booking calls for, if any. */
    public static Optional<SettlementPosting> between(InvoiceState before, InvoiceState after, Instant at) {
        SettlementBooking was = before.booking();
        SettlementBooking now = after.booking();
        if (now.postings() == was.postings()) {
            return Optional.empty();
        }
        InvoiceRequest terms = after.terms();
        return Optional.of(new SettlementPosting(
                sourceKey(terms.invoiceId(), now.postings(), purpose(was, now)),
                terms.invoiceId(),
                terms.merchantId(),
                terms.processingFeeBasisPoints(),
                terms.onchainCustody(),
                was,
                now,
                at));
    }

    /** What a posting does, as its source key and description name it. */
    public enum Purpose {
        SETTLEMENT("settlement", "settled"),
        REVERSAL("settlement-reversal", "settlement reversed"),
        SUSPENSE("suspense", "receipts to suspense");

        final String key;
        final String description;

        Purpose(String key, String description) {
            this.key = key;
            this.description = description;
        }
    }

    static Purpose purpose(SettlementBooking was, SettlementBooking now) {
        if (now.inForce() && !was.inForce()) {
            return Purpose.SETTLEMENT;
        }
        // both in force: a payment to the settled invoice joins its overpaid part
        return was.inForce() && !now.inForce() ? Purpose.REVERSAL : Purpose.SUSPENSE;
    }

    public Purpose purpose() {
        return purpose(before, after);
    }

    /**
     * {@code invoice-<id>-settlement} for the first posting; later postings carry their number, so the keys of
     * invoices booked before custody stay what they were ({@code -settlement-3}, {@code -settlement-reversal-2}).
     */
    static String sourceKey(String invoiceId, int posting, Purpose purpose) {
        String base = "invoice-" + invoiceId + "-" + purpose.key;
        return posting == 1 ? base : base + "-" + posting;
    }

    public int postingNumber() {
        return after.postings();
    }

    public boolean reversal() {
        return purpose() == Purpose.REVERSAL;
    }

    /** The on-chain amount this posting settles, or for a reversal the one it reverses. */
    public long onchainMsat() {
        return reversal() ? before.onchainMsat() : after.onchainMsat();
    }

    /** What this posting settles on both rails, or for a reversal what it reverses. */
    public long receivedMsat() {
        return Math.addExact(onchainMsat(), lightningMsat());
    }

    /** The Lightning amount this posting settles, or for a reversal the one it reverses. */
    public long lightningMsat() {
        return reversal() ? before.lightningMsat() : after.lightningMsat();
    }
}
