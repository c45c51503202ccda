package com.flash.backoffice.workflows.invoice;

/**
 * What the ledger holds for this invoice: {@code postings} counts the entries posted so far (settlements and
 * reversals; it numbers their source keys), the amounts are those of the settlement in force (zero when none).
 */
public record SettlementBooking(int postings, long onchainMsat, long lightningMsat) {

    public static final SettlementBooking NONE = new SettlementBooking(0, 0, 0);

    public boolean inForce() {
        return onchainMsat + lightningMsat > 0;
    }

    SettlementBooking settle(long onchain, long lightning) {
        return new SettlementBooking(postings + 1, onchain, lightning);
    }

    SettlementBooking reverse() {
        return new SettlementBooking(postings + 1, 0, 0);
    }
}
