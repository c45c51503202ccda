package com.flash.backoffice.db.settlement;

/** When a settlement schedule asks for a payout of the merchant's payable balance (all times UTC). */
public enum SettlementFrequency {
    /** Every day at the schedule's time of day. */
    DAILY,
    /** Every week on the schedule's weekday at its time of day. */
    WEEKLY,
    /** Checked every hour (at the minute of its time of day): a payout once the payable balance reaches the threshold. */
    THRESHOLD
}
