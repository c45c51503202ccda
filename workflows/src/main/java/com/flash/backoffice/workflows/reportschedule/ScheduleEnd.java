package com.flash.backoffice.workflows.reportschedule;

/** Why a schedule's workflow ended (it only ends when the schedule is cancelled or gone). */
public enum ScheduleEnd {
    CANCELLED,
    SCHEDULE_NOT_FOUND
}
