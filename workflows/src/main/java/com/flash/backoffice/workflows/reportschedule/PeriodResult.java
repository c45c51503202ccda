package com.flash.backoffice.workflows.reportschedule;

/** The activity's answer: the outcome and the report's row count (null when nothing was exported). */
public record PeriodResult(PeriodOutcome outcome, Long rows) {}
