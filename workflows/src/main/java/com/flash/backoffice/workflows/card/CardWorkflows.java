package com.flash.backoffice.workflows.card;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/** Starts a card's workflow once (its id is the card's) and reaches a running one. */
public final class CardWorkflows {

    private CardWorkflows() {}

    public static void start(WorkflowClient client, CardLifecycleRequest request) {
        CardWorkflow workflow = client.newWorkflowStub(
                CardWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(CardWorkflow.workflowId(request.cardId()))
                        .setTaskQueue(CardWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::run, request);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // this card's workflow runs or ran already
        }
    }

    public static CardWorkflow stub(WorkflowClient client, String cardId) {
        return client.newWorkflowStub(CardWorkflow.class, CardWorkflow.workflowId(cardId));
    }
}
