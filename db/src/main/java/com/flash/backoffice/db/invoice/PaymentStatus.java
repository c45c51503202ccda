package com.flash.backoffice.db.invoice;

public enum PaymentStatus {
    /** Seen, counted toward the amount, but without the confirmations the invoice's speed policy needs. */
    PENDING,
    /** Has the confirmations it needs (Lightning: at once). */
    CONFIRMED,
    /** Double-spent or reorganised away: no longer counted. */
    DROPPED
}
