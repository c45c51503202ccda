package com.flash.backoffice.reports.export;

/** The criteria a report reads; the exporter checks that each declared one is given. */
public enum ReportParameter {
    /** Start of the period, inclusive (UTC). */
    FROM,
    /** End of the period, exclusive (UTC); for balances "at" a date, the first instant not included. */
    TO,
    /** One merchant's id. */
    MERCHANT
}
