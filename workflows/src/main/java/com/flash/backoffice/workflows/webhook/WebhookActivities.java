package com.flash.backoffice.workflows.webhook;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface WebhookActivities {

    /**
     * POSTs the stored body, signed, and records the answer on the delivery. Idempotent: a delivery that was
     * attempted before returns its recorded answer without sending again.
     */
    AttemptResult send(String deliveryId);

    /**
     * Stores retry number {@code attempt} of the chain as a new delivery (same body, new deliveryId,
     * isRedelivery true, the chain's originalDeliveryId) and returns its id; idempotent per (chain, attempt).
     * Null when the webhook is gone, disabled or no longer redelivers automatically.
     */
    String createRetry(String previousDeliveryId, int attempt);
}
