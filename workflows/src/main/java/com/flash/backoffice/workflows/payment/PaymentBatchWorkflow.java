package com.flash.backoffice.workflows.payment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One on-chain batch, from opened to sent (or not sent, with why). Its payments follow it from the database. */
@WorkflowInterface
public interface PaymentBatchWorkflow {

    static String workflowId(long batchId) {
        return "payment-batch-" + batchId;
    }

    @WorkflowMethod
    BatchOutcome run(BatchOpening opening);

    /** Null until the batch is sent or failed. */
    @QueryMethod
    BatchOutcome outcome();
}
