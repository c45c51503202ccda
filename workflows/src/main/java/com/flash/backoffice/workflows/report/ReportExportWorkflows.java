package com.flash.backoffice.workflows.report;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/** Starting export workflows from the portal. */
public final class ReportExportWorkflows {

    private ReportExportWorkflows() {}

    public static WorkflowOptions options(String exportId) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(ReportExportWorkflow.workflowId(exportId))
                .setTaskQueue(ReportExportWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build();
    }

    /** Starts the export's workflow; one started before for the same export is success too. */
    public static void start(WorkflowClient client, String exportId) {
        ReportExportWorkflow workflow = client.newWorkflowStub(ReportExportWorkflow.class, options(exportId));
        try {
            WorkflowClient.start(workflow::run, new ReportExportRequest(exportId));
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // the export already has its workflow
        }
    }
}
