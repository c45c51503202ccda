package com.flash.backoffice.workflows.payment;

import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one on-chain batcher: every interval it gathers the on-chain payments waiting to be sent into one batch and
 * starts that batch's {@link PaymentBatchWorkflow}, so payments due in the same run go out in one transaction.
 */
@WorkflowInterface
public interface OnchainBatcherWorkflow {

    String WORKFLOW_ID = "payment-onchain-batcher";
    String TASK_QUEUE = "payment-batches";

    @WorkflowMethod
    void run(BatcherSettings settings);

    /** Runs at once instead of at the end of the interval (FINANCE's "send the batch now"). */
    @SignalMethod
    void runNow();
}
