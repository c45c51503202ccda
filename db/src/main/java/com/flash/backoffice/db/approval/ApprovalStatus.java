package com.flash.backoffice.db.approval;

/** Where a request in the inbox stands; only PENDING ones are shown to decide. */
public enum ApprovalStatus {
    PENDING,
    APPROVED,
    REJECTED,
    EXPIRED,
    CANCELLED
}
