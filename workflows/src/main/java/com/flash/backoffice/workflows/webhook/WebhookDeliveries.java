package com.flash.backoffice.workflows.webhook;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.webhook.NewDelivery;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;

/** Starting delivery chains from a client (the dispatcher, the API's redeliver). */
public final class WebhookDeliveries {

    private WebhookDeliveries() {}

    /** Starts the chain; one started before for the same delivery is success (its workflow id is taken). */
    public static void start(WorkflowClient client, DeliveryChainRequest request) {
        WebhookDeliveryWorkflow workflow = client.newWorkflowStub(
                WebhookDeliveryWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WebhookDeliveryWorkflow.workflowId(request.deliveryId()))
                        .setTaskQueue(WebhookDeliveryWorkflow.TASK_QUEUE)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::run, request);
        } catch (WorkflowExecutionAlreadyStarted alreadyStarted) {
            // this delivery's chain runs or ran already
        }
    }

    /**
     * BTCPay's manual redelivery: a new delivery with the same body, a new deliveryId, isRedelivery true and
     * the original chain's originalDeliveryId, sent once. Returns the new delivery.
     */
    public static WebhookDelivery redeliver(WebhookRepository webhooks, WorkflowClient client, WebhookDelivery old) {
        String id = RandomIds.newId();
        WebhookDelivery created = webhooks.createDelivery(new NewDelivery(
                id,
                old.webhookId(),
                old.originalDeliveryId(),
                old.eventId(),
                0,
                true,
                old.eventType(),
                null,
                WebhookPayloads.asRedelivery(old.requestBody(), id)));
        start(client, new DeliveryChainRequest(created.id(), false));
        return created;
    }
}
