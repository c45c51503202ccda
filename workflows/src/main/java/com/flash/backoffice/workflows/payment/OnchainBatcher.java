package com.flash.backoffice.workflows.payment;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.Objects;

/** Starts the one batcher (a second start finds it running) and asks it to run now. */
public final class OnchainBatcher {

    private final WorkflowClient client;

    public OnchainBatcher(WorkflowClient client) {
        this.client = Objects.requireNonNull(client, "client");
    }

    public void ensureRunning(BatcherSettings settings) {
        OnchainBatcherWorkflow batcher = client.newWorkflowStub(
                OnchainBatcherWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(OnchainBatcherWorkflow.WORKFLOW_ID)
                        .setTaskQueue(OnchainBatcherWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(batcher::run, settings);
        } catch (WorkflowExecutionAlreadyStarted running) {
            // one batcher for the whole system: the running one goes on
        }
    }

    public void runNow() {
        client.newWorkflowStub(OnchainBatcherWorkflow.class, OnchainBatcherWorkflow.WORKFLOW_ID)
                .runNow();
    }
}
