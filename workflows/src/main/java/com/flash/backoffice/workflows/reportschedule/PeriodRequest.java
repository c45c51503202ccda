package com.flash.backoffice.workflows.reportschedule;

/** Export and mail one period of a schedule. */
public record PeriodRequest(String scheduleId, SchedulePeriod period) {}
