package com.flash.backoffice.db.refund;

public enum RefundOrigin {
    API,
    PORTAL
}
