package com.flash.backoffice.portal.webhook.api;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.webhook.Webhook;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookSettings;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.ApiJson;
import com.flash.backoffice.portal.api.ApiValidationError;
import com.flash.backoffice.portal.api.GreenfieldApi;
import com.flash.backoffice.portal.webhook.WebhookService;
import com.flash.backoffice.workflows.invoice.InvoiceEventType;
import com.flash.backoffice.workflows.webhook.WebhookTargets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Greenfield's webhook routes: {@code /api/v1/stores/{storeId}/webhooks}. */
@GreenfieldApi
@RestController
@RequestMapping("/api/v1/stores/{storeId}/webhooks")
class WebhooksController {

    static final int MAX_URL = 2000;
    static final int MAX_SECRET = 200;
    static final Set<String> EVENT_TYPES = Arrays.stream(InvoiceEventType.values())
            .map(InvoiceEventType::btcpayName)
            .collect(Collectors.toUnmodifiableSet());

    private final WebhookService webhooks;
    private final WebhookTargets targets;

    WebhooksController(WebhookService webhooks, WebhookTargets targets) {
        this.targets = targets;
        this.webhooks = webhooks;
    }

    @GetMapping
    List<WebhookData> list(@PathVariable String storeId) {
        return webhooks.list(storeId).stream().map(w -> data(w, false)).toList();
    }

    @PostMapping
    WebhookData create(@PathVariable String storeId, @RequestBody WebhookRequest request) {
        WebhookSettings settings = settings(request, true);
        return data(webhooks.create(storeId, settings), true);
    }

    @GetMapping("/{webhookId}")
    WebhookData get(@PathVariable String storeId, @PathVariable String webhookId) {
        return data(webhooks.get(storeId, webhookId), false);
    }

    @PutMapping("/{webhookId}")
    WebhookData update(
            @PathVariable String storeId, @PathVariable String webhookId, @RequestBody WebhookRequest request) {
        return data(webhooks.update(storeId, webhookId, settings(request, false)), false);
    }

    @DeleteMapping("/{webhookId}")
    ResponseEntity<Void> delete(@PathVariable String storeId, @PathVariable String webhookId) {
        webhooks.delete(storeId, webhookId);
        return ResponseEntity.ok().build();
    }

    @GetMapping("/{webhookId}/deliveries")
    List<DeliveryData> deliveries(
            @PathVariable String storeId,
            @PathVariable String webhookId,
            @RequestParam(required = false) Integer count) {
        int limit = count == null ? 50 : count;
        if (limit < 0 || limit > 1000) {
            throw ApiException.validation("count", "Between 0 and 1000.");
        }
        return webhooks.deliveries(storeId, webhookId, 0, limit).stream()
                .map(WebhooksController::delivery)
                .toList();
    }

    @GetMapping("/{webhookId}/deliveries/{deliveryId}")
    DeliveryData delivery(
            @PathVariable String storeId, @PathVariable String webhookId, @PathVariable String deliveryId) {
        return delivery(webhooks.delivery(storeId, webhookId, deliveryId));
    }

    /** The exact body that was sent (BTCPay's {@code .../request}). */
    @GetMapping("/{webhookId}/deliveries/{deliveryId}/request")
    ResponseEntity<String> request(
            @PathVariable String storeId, @PathVariable String webhookId, @PathVariable String deliveryId) {
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(webhooks.delivery(storeId, webhookId, deliveryId).requestBody());
    }

    /** Answers the new delivery's id as a JSON string, as BTCPay does. */
    @PostMapping("/{webhookId}/deliveries/{deliveryId}/redeliver")
    ResponseEntity<String> redeliver(
            @PathVariable String storeId, @PathVariable String webhookId, @PathVariable String deliveryId) {
        WebhookDelivery created = webhooks.redeliver(storeId, webhookId, deliveryId);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(ApiJson.write(created.id()));
    }

    private WebhookSettings settings(WebhookRequest request, boolean creating) {
        List<ApiValidationError> errors = new ArrayList<>();
        if (!ApiJson.isHttpUrl(request.url(), MAX_URL)) {
            errors.add(new ApiValidationError("url", "An absolute http(s) URL of at most " + MAX_URL + " characters."));
        } else {
            targets.problem(request.url())
                    .ifPresent(problem -> errors.add(new ApiValidationError("url", problem + ".")));
        }
        for (String event : request.specificEvents()) {
            if (event == null || !EVENT_TYPES.contains(event)) {
                errors.add(new ApiValidationError(
                        "authorizedEvents.specificEvents", "Unknown event type: " + event + "."));
            }
        }
        String secret = request.secret();
        if (secret != null && (secret.isBlank() || secret.length() > MAX_SECRET)) {
            errors.add(new ApiValidationError("secret", "Between 1 and " + MAX_SECRET + " characters."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        if (secret == null && creating) {
            secret = RandomIds.newId();
        }
        return new WebhookSettings(
                request.url(),
                secret,
                request.enabled() == null || request.enabled(),
                request.automaticRedelivery() == null || request.automaticRedelivery(),
                request.everything(),
                request.specificEvents());
    }

    private static WebhookData data(Webhook webhook, boolean withSecret) {
        return new WebhookData(
                webhook.id(),
                webhook.enabled(),
                webhook.automaticRedelivery(),
                webhook.url(),
                new WebhookData.AuthorizedEvents(webhook.everything(), webhook.specificEvents()),
                withSecret ? webhook.secret() : null);
    }

    private static DeliveryData delivery(WebhookDelivery delivery) {
        return new DeliveryData(
                delivery.id(),
                delivery.createdAt().getEpochSecond(),
                delivery.httpCode(),
                delivery.errorMessage(),
                delivery.status().btcpayName(),
                false);
    }
}
