package com.flash.backoffice.workflows.reportschedule;

/** Failure types of the scheduled-report activities ({@code ApplicationFailure} types). */
public enum ReportScheduleFailure {
    /** No schedule with this id: not retried, the workflow ends. */
    SCHEDULE_NOT_FOUND
}
