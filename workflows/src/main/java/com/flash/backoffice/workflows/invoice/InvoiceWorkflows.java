package com.flash.backoffice.workflows.invoice;

import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;

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

    /**
     * Staff marking, wherever the invoice is in its life: an update of its running workflow, or, once that has
     * closed, a {@link ClosedInvoiceMarkWorkflow} from the state it saved last (the workflow may close between the
     * check and the update: then the second path is taken). Returns when the outcome is stored.
     */
    public static MarkResult mark(WorkflowClient client, String invoiceId, MarkRequest request) {
        if (isRunning(client, invoiceId)) {
            try {
                return existing(client, invoiceId).mark(request);
            } catch (RuntimeException closedMeanwhile) {
                if (isRunning(client, invoiceId)) {
                    throw closedMeanwhile;
                }
            }
        }
        return markClosed(client, invoiceId, request);
    }

    /**
     * Asks whichever workflow of the invoice is parked on a refused ledger posting to try again: its own workflow while
     * it runs, otherwise the {@link ClosedInvoiceMarkWorkflow} marking it.
     */
    public static void retryPosting(WorkflowClient client, String invoiceId) {
        if (isRunning(client, invoiceId)) {
            existing(client, invoiceId).retryPosting();
            return;
        }
        client.newWorkflowStub(ClosedInvoiceMarkWorkflow.class, ClosedInvoiceMarkWorkflow.workflowId(invoiceId))
                .retryPosting();
    }

    private static boolean isRunning(WorkflowClient client, String invoiceId) {
        try {
            return client.newUntypedWorkflowStub(InvoiceWorkflow.workflowId(invoiceId))
                            .describe()
                            .getStatus()
                    == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
        } catch (WorkflowNotFoundException e) {
            return false;
        }
    }

    private static MarkResult markClosed(WorkflowClient client, String invoiceId, MarkRequest request) {
        WorkflowOptions options = WorkflowOptions.newBuilder()
                .setWorkflowId(ClosedInvoiceMarkWorkflow.workflowId(invoiceId))
                .setTaskQueue(InvoiceWorkflow.TASK_QUEUE)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .build();
        for (int attempt = 1; ; attempt++) {
            ClosedInvoiceMarkWorkflow marking = client.newWorkflowStub(ClosedInvoiceMarkWorkflow.class, options);
            try {
                WorkflowClient.start(marking::mark, invoiceId, request);
                return WorkflowStub.fromTyped(marking).getResult(MarkResult.class);
            } catch (WorkflowExecutionAlreadyStarted markingInProgress) {
                if (attempt == 5) {
                    throw markingInProgress;
                }
                // another mark of this invoice is running: wait for it, then start from what it stored
                client.newUntypedWorkflowStub(ClosedInvoiceMarkWorkflow.workflowId(invoiceId))
                        .getResult(MarkResult.class);
            }
        }
    }

    /** A stub for signals, the marking update and queries of a running invoice workflow. */
    public static InvoiceWorkflow existing(WorkflowClient client, String invoiceId) {
        return client.newWorkflowStub(InvoiceWorkflow.class, InvoiceWorkflow.workflowId(invoiceId));
    }
}
