package com.flash.backoffice.workflows.webhook;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.webhook.DeliveryStatus;
import com.flash.backoffice.db.webhook.NewDelivery;
import com.flash.backoffice.db.webhook.Webhook;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.stereotype.Component;

@Component
public class WebhookActivitiesImpl implements WebhookActivities {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final WebhookRepository webhooks;
    private final WebhookTargets targets;
    private final HttpClient http;

    public WebhookActivitiesImpl(WebhookRepository webhooks, WebhookTargets targets) {
        this.webhooks = webhooks;
        this.targets = targets;
        this.http = HttpClient.newBuilder()
                .connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public AttemptResult send(String deliveryId) {
        Optional<WebhookDelivery> found = webhooks.findDelivery(deliveryId);
        if (found.isEmpty()) {
            return new AttemptResult(DeliveryStatus.FAILED, null, true);
        }
        WebhookDelivery delivery = found.get();
        if (delivery.status() != DeliveryStatus.PENDING) {
            return new AttemptResult(delivery.status(), delivery.httpCode(), false);
        }
        Optional<Webhook> webhook = webhooks.findById(delivery.webhookId());
        if (webhook.isEmpty()) {
            return new AttemptResult(DeliveryStatus.FAILED, null, true);
        }
        // checked again now: the name may resolve elsewhere than when the webhook was saved (DNS rebinding)
        Optional<String> refused = targets.problem(webhook.get().url());
        if (refused.isPresent()) {
            // a failed attempt like an unreachable receiver: retried on the schedule, and checked again each time
            webhooks.recordAttempt(deliveryId, DeliveryStatus.FAILED, null, refused.get(), Instant.now());
            return new AttemptResult(DeliveryStatus.FAILED, null, false);
        }
        byte[] body = delivery.requestBody().getBytes(StandardCharsets.UTF_8);
        DeliveryStatus status;
        Integer code = null;
        String error = null;
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(webhook.get().url()))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "Flash-Webhooks/1 (BTCPay Greenfield compatible)")
                    .header(
                            WebhookSignature.HEADER,
                            WebhookSignature.header(webhook.get().secret(), body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            code = response.statusCode();
            status = code >= 200 && code < 300 ? DeliveryStatus.HTTP_SUCCESS : DeliveryStatus.HTTP_ERROR;
        } catch (IOException | IllegalArgumentException e) {
            status = DeliveryStatus.FAILED;
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while delivering " + deliveryId, e);
        }
        if (!webhooks.recordAttempt(deliveryId, status, code, error, Instant.now())) {
            WebhookDelivery recorded = webhooks.findDelivery(deliveryId).orElseThrow();
            return new AttemptResult(recorded.status(), recorded.httpCode(), false);
        }
        return new AttemptResult(status, code, false);
    }

    @Override
    public String createRetry(String previousDeliveryId, int attempt) {
        Optional<WebhookDelivery> previous = webhooks.findDelivery(previousDeliveryId);
        if (previous.isEmpty()) {
            return null;
        }
        Optional<Webhook> webhook = webhooks.findById(previous.get().webhookId());
        if (webhook.isEmpty() || !webhook.get().enabled() || !webhook.get().automaticRedelivery()) {
            return null;
        }
        String original = previous.get().originalDeliveryId();
        String id = RandomIds.newId();
        return webhooks.createDelivery(new NewDelivery(
                        id,
                        previous.get().webhookId(),
                        original,
                        previous.get().eventId(),
                        attempt,
                        true,
                        previous.get().eventType(),
                        NewDelivery.retryKey(original, attempt),
                        WebhookPayloads.asRedelivery(previous.get().requestBody(), id)))
                .id();
    }
}
