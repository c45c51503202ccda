package com.flash.backoffice.workflows.reportschedule;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;

/** Starting and cancelling schedule workflows from a client (the portal's service). */
public final class ReportScheduleWorkflows {

    private ReportScheduleWorkflows() {}

    /** Starts the schedule's workflow; one started before for the same schedule is success. */
    public static void start(WorkflowClient client, ScheduleRequest request) {
        ReportScheduleWorkflow workflow = client.newWorkflowStub(
                ReportScheduleWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(ReportScheduleWorkflow.workflowId(request.scheduleId()))
                        .setTaskQueue(ReportScheduleWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::run, request);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // this schedule's workflow runs or ran already
        }
    }

    /** Signals the schedule's workflow to stop; a workflow that has ended already is fine. */
    public static void cancel(WorkflowClient client, String scheduleId) {
        try {
            client.newWorkflowStub(ReportScheduleWorkflow.class, ReportScheduleWorkflow.workflowId(scheduleId))
                    .cancel();
        } catch (WorkflowNotFoundException ended) {
            // nothing left to stop
        }
    }
}
