package com.flash.backoffice.workflows.approval;

/** Every sort of request that waits in the approvals inbox. */
public enum ApprovalKind {
    PAYOUT,
    REFUND,
    CAMPAIGN_BUDGET,
    MERCHANT_KEY_CHANGE,
    CARD_TOP_UP
}
