package com.flash.backoffice.workflows.webhook;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.webhook.NewDelivery;
import com.flash.backoffice.db.webhook.Webhook;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookOutbox;
import com.flash.backoffice.db.webhook.WebhookRepository;
import io.temporal.client.WorkflowClient;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Turns {@code invoice_event} outbox rows into deliveries, one per enabled webhook of the store whose
 * authorized events match, and starts each delivery's workflow. Safe to run repeatedly and concurrently: a
 * delivery is unique per (event, webhook) and its workflow id per delivery, so nothing is sent twice.
 */
@Component
public class WebhookDispatcher {

    static final int BATCH = 200;

    private final WebhookOutbox outbox;
    private final WebhookRepository webhooks;
    private final InvoiceRepository invoices;
    private final WorkflowClient workflows;

    public WebhookDispatcher(
            WebhookOutbox outbox, WebhookRepository webhooks, InvoiceRepository invoices, WorkflowClient workflows) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.invoices = invoices;
        this.workflows = workflows;
    }

    /** Dispatches one batch; returns how many outbox events it handled (0: nothing pending). */
    public int dispatchPending() {
        List<WebhookOutbox.PendingEvent> pending = outbox.pending(BATCH);
        for (WebhookOutbox.PendingEvent event : pending) {
            dispatch(event.merchantId(), event.event());
            outbox.markDispatched(event.event().id());
        }
        return pending.size();
    }

    private void dispatch(String merchantId, InvoiceEvent event) {
        List<Webhook> targets = webhooks.listForMerchant(merchantId).stream()
                .filter(webhook -> webhook.wants(event.eventType()))
                .toList();
        if (targets.isEmpty()) {
            return;
        }
        Optional<Invoice> invoice = invoices.findById(event.invoiceId());
        if (invoice.isEmpty()) {
            return;
        }
        Optional<InvoicePayment> payment = event.paymentRef().isEmpty()
                ? Optional.empty()
                : invoices.findPayments(event.invoiceId()).stream()
                        .filter(p -> p.paymentRef().equals(event.paymentRef()))
                        .findFirst();
        for (Webhook webhook : targets) {
            String key = NewDelivery.eventKey(event.id(), webhook.id());
            WebhookDelivery delivery = webhooks.findDeliveryByKey(key).orElseGet(() -> {
                String id = RandomIds.newId();
                return webhooks.createDelivery(new NewDelivery(
                        id,
                        webhook.id(),
                        id,
                        event.id(),
                        0,
                        false,
                        event.eventType(),
                        key,
                        WebhookPayloads.invoiceEvent(id, webhook.id(), merchantId, event, invoice.get(), payment)));
            });
            WebhookDeliveries.start(workflows, new DeliveryChainRequest(delivery.id(), webhook.automaticRedelivery()));
        }
    }
}
