package com.flash.backoffice.db.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A store's webhook (BTCPay semantics): {@code everything} or only {@code specificEvents} (BTCPay event type
 * names such as InvoiceSettled). The secret signs each body; the API shows it only when it is created.
 */
public record Webhook(
        String id,
        String merchantId,
        String url,
        String secret,
        boolean enabled,
        boolean automaticRedelivery,
        boolean everything,
        List<String> specificEvents,
        Instant createdAt) {

    public Webhook {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        specificEvents = specificEvents == null ? List.of() : List.copyOf(specificEvents);
    }

    public boolean wants(String eventType) {
        return enabled && (everything || specificEvents.contains(eventType));
    }
}
