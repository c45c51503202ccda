package com.flash.backoffice.workflows.card;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/** Starts a tap's payment workflow once: its id is the tap's, so a second start is a no-op. */
public final class CardTapWorkflows {

    private CardTapWorkflows() {}

    public static void start(WorkflowClient client, CardTapOrder order) {
        CardTapWorkflow workflow = client.newWorkflowStub(
                CardTapWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(CardTapWorkflow.workflowId(order.tapId()))
                        .setTaskQueue(CardTapWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        // a wallet waits: the start hands the first workflow task to this process's worker at once
                        .setDisableEagerExecution(false)
                        .build());
        try {
            WorkflowClient.start(workflow::pay, order);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // this tap's payment runs or ran already
        }
    }
}
