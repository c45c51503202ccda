package com.flash.backoffice.portal.settlement;

/** Form fields that validation messages attach to. */
public enum SettlementField {
    MERCHANT,
    FREQUENCY,
    WEEKDAY,
    THRESHOLD,
    TIME_OF_DAY,
    /** The schedule as a whole: someone changed it meanwhile. */
    SCHEDULE,
    BACKFILL_FROM,
    BACKFILL_TO
}
