package com.flash.backoffice.portal.report.schedule;

/** Form fields that validation messages attach to. */
public enum ScheduleField {
    REPORT,
    MERCHANT,
    FORMAT,
    FREQUENCY,
    RECIPIENTS,
    TIME_ZONE
}
