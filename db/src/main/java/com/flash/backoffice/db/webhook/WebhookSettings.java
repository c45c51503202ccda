package com.flash.backoffice.db.webhook;

import java.util.List;
import java.util.Objects;

/** What a client sets on a webhook; {@code secret} null on update keeps the stored one. */
public record WebhookSettings(
        String url,
        String secret,
        boolean enabled,
        boolean automaticRedelivery,
        boolean everything,
        List<String> specificEvents) {

    public WebhookSettings {
        Objects.requireNonNull(url, "url");
        specificEvents = specificEvents == null ? List.of() : List.copyOf(specificEvents);
        for (String event : specificEvents) {
            if (event.isBlank() || event.contains(",")) {
                throw new IllegalArgumentException("invalid event type: '" + event + "'");
            }
        }
    }
}
