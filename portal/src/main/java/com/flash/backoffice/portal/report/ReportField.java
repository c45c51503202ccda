package com.flash.backoffice.portal.report;

/** The inputs of the reports view that can carry a message. */
public enum ReportField {
    REPORT,
    PERIOD,
    FIRST_DAY,
    LAST_DAY,
    MERCHANT,
    FORMAT
}
