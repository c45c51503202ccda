package com.flash.backoffice.db.webhook;

import java.time.Instant;

/**
 * One delivery attempt and its log: the exact body sent, and the answer. Retries and redeliveries are new
 * deliveries with the chain's {@code originalDeliveryId} (equal to {@code id} for the first one).
 */
public record WebhookDelivery(
        String id,
        String webhookId,
        String originalDeliveryId,
        Long eventId,
        int attempt,
        boolean redelivery,
        String eventType,
        String requestBody,
        DeliveryStatus status,
        Integer httpCode,
        String errorMessage,
        Instant createdAt,
        Instant attemptedAt) {}
