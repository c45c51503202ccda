package com.flash.backoffice.workflows.reportschedule;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per report schedule, id {@code report-schedule-<schedule id>}: sleeps until the current period ends
 * (in the schedule's time zone), has the period's report e-mailed, and continues as new for the next period, until
 * the schedule is cancelled.
 */
@WorkflowInterface
public interface ReportScheduleWorkflow {

    String TASK_QUEUE = "report-schedules";

    static String workflowId(String scheduleId) {
        return "report-schedule-" + scheduleId;
    }

    @WorkflowMethod
    ScheduleEnd run(ScheduleRequest request);

    /** The schedule was cancelled: stop before the next run. */
    @SignalMethod
    void cancel();

    /** When the next period ends and its report is sent (epoch ms), or null while a run is in progress. */
    @QueryMethod
    Long nextRunAtMillis();
}
