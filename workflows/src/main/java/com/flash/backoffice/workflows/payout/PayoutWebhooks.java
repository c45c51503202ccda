package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.webhook.NewDelivery;
import com.flash.backoffice.db.webhook.Webhook;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.workflows.webhook.DeliveryChainRequest;
import com.flash.backoffice.workflows.webhook.WebhookDeliveries;
import com.flash.backoffice.workflows.webhook.WebhookPayloads;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * BTCPay's payout webhooks: PayoutCreated when requested, PayoutApproved when approved, PayoutUpdated on every other
 * state change. One delivery per payout revision and webhook (its dedup key), so a retried activity sends nothing
 * twice; the delivery workflows sign and retry as for invoice events.
 */
@Component
public class PayoutWebhooks {

    static final String CREATED = "PayoutCreated";
    static final String APPROVED = "PayoutApproved";
    static final String UPDATED = "PayoutUpdated";

    private final WebhookRepository webhooks;
    private final WorkflowClient workflows;

    public PayoutWebhooks(WebhookRepository webhooks, WorkflowClient workflows) {
        this.webhooks = webhooks;
        this.workflows = workflows;
    }

    /** The event a step announces: none for a decision that leaves the payout awaiting approval. */
    static String eventType(int revision, PayoutState state) {
        if (state == PayoutState.AWAITING_APPROVAL) {
            return revision == 0 ? CREATED : null;
        }
        return state == PayoutState.AWAITING_PAYMENT ? APPROVED : UPDATED;
    }

    public void publish(String merchantId, String payoutId, int revision, PayoutState state, Instant at) {
        String type = eventType(revision, state);
        if (type == null) {
            return;
        }
        for (Webhook webhook : webhooks.listForMerchant(merchantId)) {
            if (!webhook.wants(type)) {
                continue;
            }
            String key = "payout:" + payoutId + ":" + revision + ":" + webhook.id();
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
                                state.greenfieldName())));
            });
            WebhookDeliveries.start(workflows, new DeliveryChainRequest(delivery.id(), webhook.automaticRedelivery()));
        }
    }
}
