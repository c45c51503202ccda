package com.flash.backoffice.db.settlement;

/** What an edit, pause or resume did. */
public enum ScheduleChange {
    SAVED,
    /** Pausing a paused schedule, resuming a running one: nothing written. */
    UNCHANGED,
    /** Someone changed the schedule in between: reload. */
    STALE_REVISION,
    NOT_FOUND
}
