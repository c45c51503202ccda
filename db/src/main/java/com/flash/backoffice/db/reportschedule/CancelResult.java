package com.flash.backoffice.db.reportschedule;

public enum CancelResult {
    CANCELLED,
    ALREADY_CANCELLED,
    /** Someone changed the schedule in between: reload. */
    STALE_REVISION,
    NOT_FOUND
}
