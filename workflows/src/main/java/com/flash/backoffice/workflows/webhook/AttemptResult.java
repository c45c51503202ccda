package com.flash.backoffice.workflows.webhook;

import com.flash.backoffice.db.webhook.DeliveryStatus;

/** What one delivery attempt got back; {@code gone} when the delivery or its webhook was deleted. */
public record AttemptResult(DeliveryStatus status, Integer httpCode, boolean gone) {

    public boolean delivered() {
        return status == DeliveryStatus.HTTP_SUCCESS;
    }

    public boolean retryable() {
        return !gone && WebhookRetryPolicy.shouldRetry(status, httpCode);
    }
}
