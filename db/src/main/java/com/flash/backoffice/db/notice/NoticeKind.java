package com.flash.backoffice.db.notice;

/** Why finance is told. */
public enum NoticeKind {
    /** A settlement was reversed: the payment that settled the invoice was double-spent. */
    SETTLEMENT_DOUBLE_SPENT
}
