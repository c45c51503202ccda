package com.flash.backoffice.workflows.webhook;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class WebhookDeliveryWorkflowImpl implements WebhookDeliveryWorkflow {

    /** The HTTP timeout is 10 s; activity retries cover only infrastructure failures (database, worker). */
    private final WebhookActivities activities = Workflow.newActivityStub(
            WebhookActivities.class,
            ActivityOptions.newBuilder()
                    .setStartToCloseTimeout(Duration.ofSeconds(30))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumInterval(Duration.ofMinutes(1))
                            .setMaximumAttempts(10)
                            .build())
                    .build());

    @Override
    public DeliveryChainResult run(DeliveryChainRequest request) {
        String deliveryId = request.deliveryId();
        int retries = 0;
        while (true) {
            AttemptResult result = activities.send(deliveryId);
            if (result.gone()) {
                return new DeliveryChainResult(deliveryId, DeliveryOutcome.WEBHOOK_GONE, retries + 1);
            }
            if (result.delivered()) {
                return new DeliveryChainResult(deliveryId, DeliveryOutcome.DELIVERED, retries + 1);
            }
            if (!result.retryable()) {
                return new DeliveryChainResult(deliveryId, DeliveryOutcome.REJECTED, retries + 1);
            }
            if (!request.automaticRedelivery() || retries >= WebhookRetryPolicy.DELAYS.size()) {
                return new DeliveryChainResult(deliveryId, DeliveryOutcome.GAVE_UP, retries + 1);
            }
            Workflow.sleep(WebhookRetryPolicy.DELAYS.get(retries));
            retries++;
            String next = activities.createRetry(deliveryId, retries);
            if (next == null) {
                return new DeliveryChainResult(deliveryId, DeliveryOutcome.GAVE_UP, retries);
            }
            deliveryId = next;
        }
    }
}
