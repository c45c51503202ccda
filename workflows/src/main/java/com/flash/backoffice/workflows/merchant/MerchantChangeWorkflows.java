package com.flash.backoffice.workflows.merchant;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;

/** Starts a merchant's change workflow and reaches it later. */
public final class MerchantChangeWorkflows {

    private MerchantChangeWorkflows() {}

    /**
     * Starts the change; throws {@link io.temporal.client.WorkflowExecutionAlreadyStarted} while another change of the
     * same merchant awaits a decision (a closed one does not stand in the way).
     */
    public static void start(WorkflowClient client, MerchantChangeRequest request) {
        MerchantChangeWorkflow workflow = client.newWorkflowStub(
                MerchantChangeWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(MerchantChangeWorkflow.workflowId(request.merchantId()))
                        .setTaskQueue(MerchantChangeWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                        .build());
        WorkflowClient.start(workflow::run, request);
    }

    public static MerchantChangeWorkflow stub(WorkflowClient client, String merchantId) {
        return client.newWorkflowStub(MerchantChangeWorkflow.class, MerchantChangeWorkflow.workflowId(merchantId));
    }
}
