package com.flash.backoffice.workflows.refund;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/** Starting refund workflows and sending them commands, from a client (the portal's service). */
public final class RefundWorkflows {

    private RefundWorkflows() {}

    /** Starts the refund's workflow; one started before for the same refund is success. */
    public static void start(WorkflowClient client, RefundRequest request) {
        RefundWorkflow workflow = client.newWorkflowStub(
                RefundWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(RefundWorkflow.workflowId(request.refundId()))
                        .setTaskQueue(RefundWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::run, request);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // this refund's workflow runs or ran already
        }
    }

    public static RefundWorkflow stub(WorkflowClient client, String refundId) {
        return client.newWorkflowStub(RefundWorkflow.class, RefundWorkflow.workflowId(refundId));
    }
}
