package com.flash.backoffice.workflows.card;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Starts a manual top-up's workflow (its id is the top-up's) and reaches it later. */
public final class CardTopUpWorkflows {

    private CardTopUpWorkflows() {}

    public static void start(WorkflowClient client, ManualTopUpRequest request) {
        CardTopUpWorkflow workflow = client.newWorkflowStub(
                CardTopUpWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(CardTopUpWorkflow.workflowId(request.topUpId()))
                        .setTaskQueue(CardTopUpWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        WorkflowClient.start(workflow::run, request);
    }

    public static CardTopUpWorkflow stub(WorkflowClient client, String topUpId) {
        return client.newWorkflowStub(CardTopUpWorkflow.class, CardTopUpWorkflow.workflowId(topUpId));
    }
}
