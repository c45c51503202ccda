package com.flash.backoffice.db.suspense;

/** Why a receipt belongs to no settled amount. */
public enum SuspenseKind {
    /** The part paid above the invoice amount. */
    OVERPAID,
    /** Paid to an invoice that had expired (BTCPay's PaidLate, or PaidPartial at expiry). */
    PAID_TO_EXPIRED,
    /** Paid to an invoice address after the invoice's monitoring window ended. */
    AFTER_MONITORING,
    /** Paid to a destination of Flash's that no invoice owns. */
    UNMATCHED
}
