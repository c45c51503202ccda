package com.flash.backoffice.db.reportschedule;

/** How often a scheduled report is sent: each run covers the calendar period that has just ended. */
public enum ScheduleFrequency {
    /** Yesterday, midnight to midnight in the schedule's time zone. */
    DAILY,
    /** Last ISO week, Monday 00:00 to Monday 00:00. */
    WEEKLY,
    /** Last calendar month, the 1st 00:00 to the 1st 00:00. */
    MONTHLY
}
