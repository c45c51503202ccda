package com.flash.backoffice.db.merchant;

/** Where a change of a merchant's guarded settings stands. */
public enum MerchantChangeStatus {
    /** In the approvals inbox. */
    PENDING,
    /** Approved and written to the merchant. */
    APPLIED,
    /** Approved, but the settings it replaces had changed meanwhile: nothing was written. */
    STALE,
    REJECTED,
    /** Not decided before the approval deadline. */
    EXPIRED,
    /** Withdrawn before a decision. */
    WITHDRAWN;

    public boolean open() {
        return this == PENDING;
    }
}
