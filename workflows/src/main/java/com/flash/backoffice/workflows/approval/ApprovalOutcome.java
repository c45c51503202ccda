package com.flash.backoffice.workflows.approval;

/** How a request ended. */
public enum ApprovalOutcome {
    /** Below the auto-approve limit: nobody had to decide. */
    AUTO_APPROVED,
    APPROVED,
    REJECTED,
    /** The deadline passed undecided. */
    EXPIRED,
    /** The requester (or staff) withdrew it before a decision. */
    CANCELLED;

    public boolean approved() {
        return this == AUTO_APPROVED || this == APPROVED;
    }
}
