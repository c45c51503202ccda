package com.flash.backoffice.portal.report;

/** The period presets of the reports view and the custom period, with their labels. */
public enum ReportPeriod {
    TODAY("Today"),
    LAST_7_DAYS("Last 7 days"),
    THIS_MONTH("This month"),
    LAST_MONTH("Last month"),
    THIS_QUARTER("This quarter"),
    THIS_YEAR("This year"),
    CUSTOM("Custom");

    private final String label;

    ReportPeriod(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
