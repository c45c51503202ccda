package com.flash.backoffice.db.payout;

/** Who asked for the payout: the merchant through the API, staff in the portal, or a settlement schedule. */
public enum PayoutOrigin {
    API,
    PORTAL,
    SCHEDULE
}
