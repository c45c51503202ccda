package com.flash.backoffice.portal.webhook.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** Greenfield's webhook: the secret only in the answer to its creation. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record WebhookData(
        String id,
        boolean enabled,
        boolean automaticRedelivery,
        String url,
        AuthorizedEvents authorizedEvents,
        String secret) {

    record AuthorizedEvents(boolean everything, List<String> specificEvents) {}
}
