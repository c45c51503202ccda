package com.flash.backoffice.workflows.reportschedule;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.slf4j.Logger;

public class ReportScheduleWorkflowImpl implements ReportScheduleWorkflow {

    private static final Logger log = Workflow.getLogger(ReportScheduleWorkflowImpl.class);

    /** An SMTP server down for a while is retried for about a day; after that the period stays FAILED in the log. */
    private final ReportScheduleActivities activities = Workflow.newActivityStub(
            ReportScheduleActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofMinutes(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(30))
                            .setBackoffCoefficient(2)
                            .setMaximumInterval(Duration.ofHours(2))
                            .setMaximumAttempts(15)
                            .setDoNotRetry(ReportScheduleFailure.SCHEDULE_NOT_FOUND.name())
                            .build())
                    .build());

    private boolean cancelled;
    private Long nextRunAtMillis;

    @Override
    public ScheduleEnd run(ScheduleRequest request) {
        ZoneId zone = ZoneId.of(request.timeZone());
        Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        Instant after =
                request.lastPeriodEndMillis() == null ? now : Instant.ofEpochMilli(request.lastPeriodEndMillis());
        Instant periodEnd = SchedulePeriods.nextBoundaryAfter(request.frequency(), zone, after);
        nextRunAtMillis = periodEnd.toEpochMilli();
        Duration wait = Duration.between(now, periodEnd);
        if (wait.isPositive()) {
            Workflow.await(wait, () -> cancelled);
        }
        if (cancelled) {
            return ScheduleEnd.CANCELLED;
        }
        nextRunAtMillis = null;
        SchedulePeriod period = SchedulePeriods.endingAt(request.frequency(), zone, periodEnd);
        try {
            PeriodResult result = activities.sendPeriod(new PeriodRequest(request.scheduleId(), period));
            if (result.outcome() == PeriodOutcome.SCHEDULE_CANCELLED) {
                return ScheduleEnd.CANCELLED;
            }
        } catch (ActivityFailure failure) {
            if (failure.getCause() instanceof ApplicationFailure application
                    && ReportScheduleFailure.SCHEDULE_NOT_FOUND.name().equals(application.getType())) {
                return ScheduleEnd.SCHEDULE_NOT_FOUND;
            }
            // retries exhausted: the run log holds the period as FAILED with the error; go on with the next one
            log.warn("schedule {}: the period ending {} was not sent", request.scheduleId(), periodEnd, failure);
        }
        if (cancelled) {
            return ScheduleEnd.CANCELLED;
        }
        // one run per workflow execution keeps the history short however long the schedule lives
        Workflow.continueAsNew(request.after(periodEnd));
        throw new IllegalStateException("continueAsNew does not return");
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public Long nextRunAtMillis() {
        return nextRunAtMillis;
    }
}
