package com.flash.backoffice.portal.webhook;

import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.webhook.Webhook;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.db.webhook.WebhookSettings;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.audit.AuditService;
import com.flash.backoffice.workflows.webhook.WebhookDeliveries;
import io.temporal.client.WorkflowClient;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** A store's webhooks and their delivery log (BTCPay semantics); ADMIN staff or an API key with the permission. */
@Service
public class WebhookService {

    static final String MANAGERS =
            "hasRole('ADMIN') or @storePermissions.has(#storeId, 'btcpay.store.webhooks.canmodifywebhooks')";

    private final WebhookRepository webhooks;
    private final MerchantRepository merchants;
    private final WorkflowClient workflows;
    private final AuditService audit;
    private final TransactionTemplate transaction;

    WebhookService(
            WebhookRepository webhooks,
            MerchantRepository merchants,
            WorkflowClient workflows,
            AuditService audit,
            TransactionTemplate transaction) {
        this.webhooks = webhooks;
        this.merchants = merchants;
        this.workflows = workflows;
        this.audit = audit;
        this.transaction = transaction;
    }

    @PreAuthorize(MANAGERS)
    public List<Webhook> list(String storeId) {
        requireStore(storeId);
        return webhooks.listForMerchant(storeId);
    }

    @PreAuthorize(MANAGERS)
    public Webhook get(String storeId, String webhookId) {
        requireStore(storeId);
        return webhooks.find(storeId, webhookId).orElseThrow(WebhookService::webhookNotFound);
    }

    @PreAuthorize(MANAGERS)
    public Webhook create(String storeId, WebhookSettings settings) {
        requireStore(storeId);
        return transaction.execute(status -> {
            Webhook created = webhooks.create(storeId, settings);
            audit.record("webhook.create", "webhook", created.id(), null, redacted(created), null);
            return created;
        });
    }

    @PreAuthorize(MANAGERS)
    public Webhook update(String storeId, String webhookId, WebhookSettings settings) {
        Webhook before = get(storeId, webhookId);
        return transaction.execute(status -> {
            Webhook updated =
                    webhooks.update(storeId, webhookId, settings).orElseThrow(WebhookService::webhookNotFound);
            audit.record("webhook.update", "webhook", webhookId, redacted(before), redacted(updated), null);
            return updated;
        });
    }

    @PreAuthorize(MANAGERS)
    public void delete(String storeId, String webhookId) {
        Webhook before = get(storeId, webhookId);
        transaction.executeWithoutResult(status -> {
            webhooks.delete(storeId, webhookId);
            audit.record("webhook.delete", "webhook", webhookId, redacted(before), null, null);
        });
    }

    @PreAuthorize(MANAGERS)
    public List<WebhookDelivery> deliveries(String storeId, String webhookId, int offset, int limit) {
        get(storeId, webhookId);
        return webhooks.listDeliveries(webhookId, offset, limit);
    }

    @PreAuthorize(MANAGERS)
    public WebhookDelivery delivery(String storeId, String webhookId, String deliveryId) {
        get(storeId, webhookId);
        return webhooks.findDelivery(webhookId, deliveryId)
                .orElseThrow(() -> ApiException.notFound("webhookdelivery-not-found", "The delivery was not found."));
    }

    /** A new delivery of the same body (new deliveryId, isRedelivery true), sent once; returns it. */
    @PreAuthorize(MANAGERS)
    public WebhookDelivery redeliver(String storeId, String webhookId, String deliveryId) {
        WebhookDelivery old = delivery(storeId, webhookId, deliveryId);
        WebhookDelivery created = WebhookDeliveries.redeliver(webhooks, workflows, old);
        audit.record("webhook.redeliver", "webhook-delivery", created.id(), null, null, "of " + deliveryId);
        return created;
    }

    private void requireStore(String storeId) {
        if (merchants.findById(storeId).isEmpty()) {
            throw ApiException.storeNotFound();
        }
    }

    private static ApiException webhookNotFound() {
        return ApiException.notFound("webhook-not-found", "The webhook was not found in this store.");
    }

    /** What the audit log keeps of a webhook: everything but its secret. */
    private static WebhookSettings redacted(Webhook webhook) {
        return new WebhookSettings(
                webhook.url(),
                "<redacted>",
                webhook.enabled(),
                webhook.automaticRedelivery(),
                webhook.everything(),
                webhook.specificEvents());
    }
}
