package com.flash.backoffice.workflows.reportschedule;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface ReportScheduleActivities {

    /**
     * Exports the schedule's report for the period and e-mails it to the recipients as an attachment, then records
     * the run. Idempotent: a period the run log shows as sent is not sent again. A failure is recorded on the run
     * and thrown (so Temporal retries); an unknown schedule fails with {@link ReportScheduleFailure#SCHEDULE_NOT_FOUND}.
     */
    PeriodResult sendPeriod(PeriodRequest request);
}
