package com.flash.backoffice.db.refund;

/** Where a refund's money comes from. */
public enum RefundSource {
    /** The merchant's balance (what Flash owes the merchant). */
    MERCHANT,
    /** A receipt in suspense ({@code liabilities:unallocated-receipts}): money no merchant was credited with. */
    SUSPENSE
}
