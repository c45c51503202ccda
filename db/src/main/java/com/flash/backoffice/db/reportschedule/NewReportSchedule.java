package com.flash.backoffice.db.reportschedule;

import java.util.List;

/** A validated schedule to store. */
public record NewReportSchedule(
        String report,
        String merchantId,
        String format,
        ScheduleFrequency frequency,
        List<String> recipients,
        String timeZone,
        String createdBy) {

    public NewReportSchedule {
        recipients = List.copyOf(recipients);
    }
}
