package com.flash.backoffice.workflows.reportschedule;

/** What the activity did with a period. */
public enum PeriodOutcome {
    /** E-mailed now. */
    SENT,
    /** No SMTP server is configured (development): the mail went to the log. */
    LOGGED,
    /** Sent or logged by an earlier attempt: nothing sent again. */
    ALREADY_SENT,
    /** The schedule was cancelled: nothing sent, and the workflow stops. */
    SCHEDULE_CANCELLED
}
