package com.flash.backoffice.workflows.payout;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

/** Starting payout workflows and sending them commands, from a client (the portal's service). */
public final class PayoutWorkflows {

    private PayoutWorkflows() {}

    /** Starts the payout's workflow; one started before for the same payout is success. */
    public static void start(WorkflowClient client, PayoutRequest request) {
        PayoutWorkflow workflow = client.newWorkflowStub(
                PayoutWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(PayoutWorkflow.workflowId(request.payoutId()))
                        .setTaskQueue(PayoutWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::run, request);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // this payout's workflow runs or ran already
        }
    }

    public static PayoutWorkflow stub(WorkflowClient client, String payoutId) {
        return client.newWorkflowStub(PayoutWorkflow.class, PayoutWorkflow.workflowId(payoutId));
    }

    public static WorkflowStub untyped(WorkflowClient client, String payoutId) {
        return client.newUntypedWorkflowStub(PayoutWorkflow.workflowId(payoutId));
    }
}
