package com.flash.backoffice.db.approval;

/** The sort of request, named as the workflows' {@code ApprovalKind} names it. */
public enum RequestKind {
    PAYOUT,
    REFUND,
    CAMPAIGN_BUDGET,
    MERCHANT_KEY_CHANGE,
    CARD_TOP_UP
}
