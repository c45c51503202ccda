package com.flash.backoffice.workflows.payment;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * Runs, opens, hands over: a run's key is this history's run id and the run's number, so a retried {@code open}
 * returns the batch it opened. Each batch lives on in a workflow of its own (abandoned, not cancelled, when this one
 * continues as new).
 */
public class OnchainBatcherWorkflowImpl implements OnchainBatcherWorkflow {

    private static final ActivityOptions OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .build())
            .build();

    private final PaymentBatchActivities activities = Workflow.newActivityStub(PaymentBatchActivities.class, OPTIONS);
    private boolean runNowRequested;

    @Override
    public void run(BatcherSettings settings) {
        for (int run = 1; run <= settings.runsPerHistory(); run++) {
            Workflow.await(settings.interval(), () -> runNowRequested);
            runNowRequested = false;
            BatchOpening opening = activities.open(Workflow.getInfo().getRunId() + "/" + run);
            if (opening != null) {
                PaymentBatchWorkflow batch = Workflow.newChildWorkflowStub(
                        PaymentBatchWorkflow.class,
                        ChildWorkflowOptions.newBuilder()
                                .setWorkflowId(PaymentBatchWorkflow.workflowId(opening.batchId()))
                                .setTaskQueue(TASK_QUEUE)
                                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                                .setWorkflowIdReusePolicy(
                                        WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                                .build());
                Async.function(batch::run, opening);
                Workflow.getWorkflowExecution(batch).get();
            }
        }
        Workflow.continueAsNew(settings);
    }

    @Override
    public void runNow() {
        runNowRequested = true;
    }
}
