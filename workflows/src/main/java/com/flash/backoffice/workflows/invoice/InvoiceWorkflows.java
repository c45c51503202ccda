package com.flash.backoffice.workflows.invoice;

import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/** Starting and addressing invoice workflows from a client (the API, the portal, the watchers). */
public final class InvoiceWorkflows {

    private InvoiceWorkflows() {}

    public static WorkflowOptions options(String invoiceId) {
        return WorkflowOptions.newBuilder()
                .setWorkflowId(InvoiceWorkflow.workflowId(invoiceId))
                .setTaskQueue(InvoiceWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build();
    }

    /** Starts the invoice's workflow; one that was started before (a retried request) is success too. */
    public static void start(WorkflowClient client, InvoiceRequest request) {
        InvoiceWorkflow workflow = client.newWorkflowStub(InvoiceWorkflow.class, options(request.invoiceId()));
        try {
            WorkflowClient.start(workflow::run, request);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // the business id already has its workflow: nothing to do
        }
    }

    /** A stub for signals, the marking update and queries of a running invoice workflow. */
    public static InvoiceWorkflow existing(WorkflowClient client, String invoiceId) {
        return client.newWorkflowStub(InvoiceWorkflow.class, InvoiceWorkflow.workflowId(invoiceId));
    }
}
