package com.flash.backoffice.workflows.payment;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** A hot batch is sent from Flash's wallet in one step; the step finds a batch sent before and never resends. */
public class PaymentBatchWorkflowImpl implements PaymentBatchWorkflow {

    private static final ActivityOptions SEND_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(2))
                    .setMaximumInterval(Duration.ofMinutes(2))
                    .build())
            .build();

    private final PaymentBatchActivities activities =
            Workflow.newActivityStub(PaymentBatchActivities.class, SEND_OPTIONS);
    private BatchOutcome outcome;

    @Override
    public BatchOutcome run(BatchOpening opening) {
        outcome = activities.sendHot(opening.batchId());
        return outcome;
    }

    @Override
    public BatchOutcome outcome() {
        return outcome;
    }
}
