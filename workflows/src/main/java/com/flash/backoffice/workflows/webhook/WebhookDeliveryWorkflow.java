package com.flash.backoffice.workflows.webhook;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per delivery chain, id {@code webhook-delivery-<first delivery id>}: sends the delivery and, on
 * 5xx, 408, 429 or no answer, retries after {@link WebhookRetryPolicy#DELAYS}, each retry a new delivery.
 */
@WorkflowInterface
public interface WebhookDeliveryWorkflow {

    String TASK_QUEUE = "webhooks";

    static String workflowId(String deliveryId) {
        return "webhook-delivery-" + deliveryId;
    }

    @WorkflowMethod
    DeliveryChainResult run(DeliveryChainRequest request);
}
