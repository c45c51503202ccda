package com.flash.backoffice.db.webhook;

import java.util.Objects;

/**
 * A delivery to store. {@code dedupKey} (nullable) makes creation idempotent: a second insert with the same key
 * stores nothing and the first delivery is returned.
 */
public record NewDelivery(
        String id,
        String webhookId,
        String originalDeliveryId,
        Long eventId,
        int attempt,
        boolean redelivery,
        String eventType,
        String dedupKey,
        String requestBody) {

    public NewDelivery {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(originalDeliveryId, "originalDeliveryId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(requestBody, "requestBody");
    }

    public static String eventKey(long eventId, String webhookId) {
        return "event:" + eventId + ":" + webhookId;
    }

    public static String retryKey(String originalDeliveryId, int attempt) {
        return "retry:" + originalDeliveryId + ":" + attempt;
    }
}
