package com.flash.backoffice.workflows.webhook;

import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.webhook.NewDelivery;
import com.flash.backoffice.db.webhook.Webhook;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * BTCPay's payout webhooks (PayoutCreated, PayoutApproved, PayoutUpdated) for whatever Flash pays as a payout:
 * merchant payouts and refunds. One delivery per {@code dedupKey} and webhook, so a retried activity sends nothing
 * twice; the delivery workflows sign and retry as for invoice events.
 */
@Component
public class PayoutEventWebhooks {

    public static final String CREATED = "PayoutCreated";
    public static final String APPROVED = "PayoutApproved";
    public static final String UPDATED = "PayoutUpdated";

    private final WebhookRepository webhooks;
    private final WorkflowClient workflows;

    public PayoutEventWebhooks(WebhookRepository webhooks, WorkflowClient workflows) {
        this.webhooks = webhooks;
        this.workflows = workflows;
    }

    /**
     * @param pullPaymentId BTCPay's pull payment of the payout (a refund's own id), or null
     * @param dedupKey unique per payout and revision, e.g. {@code payout:<id>:<revision>}
     */
    public void publish(
            String merchantId,
            String type,
            String payoutId,
            String pullPaymentId,
            String payoutState,
            String dedupKey,
            Instant at) {
        for (Webhook webhook : webhooks.listForMerchant(merchantId)) {
            if (!webhook.wants(type)) {
                continue;
            }
            String key = dedupKey + ":" + webhook.id();
            WebhookDelivery delivery = webhooks.findDeliveryByKey(key).orElseGet(() -> {
                String id = RandomIds.newId();
                return webhooks.createDelivery(new NewDelivery(
                        id,
                        webhook.id(),
                        id,
                        null,
                        0,
                        false,
                        type,
                        key,
                        WebhookPayloads.payoutEvent(
                                id,
                                webhook.id(),
                                merchantId,
                                type,
                                at.getEpochSecond(),
                                payoutId,
                                pullPaymentId,
                                payoutState)));
            });
            WebhookDeliveries.start(workflows, new DeliveryChainRequest(delivery.id(), webhook.automaticRedelivery()));
        }
    }
}
