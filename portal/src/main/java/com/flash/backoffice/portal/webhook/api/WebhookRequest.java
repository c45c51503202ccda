package com.flash.backoffice.portal.webhook.api;

import java.util.List;

/** Greenfield's create/update webhook body; absent booleans default as in BTCPay (true). */
record WebhookRequest(
        Boolean enabled,
        Boolean automaticRedelivery,
        String url,
        WebhookData.AuthorizedEvents authorizedEvents,
        String secret) {

    List<String> specificEvents() {
        return authorizedEvents == null || authorizedEvents.specificEvents() == null
                ? List.of()
                : authorizedEvents.specificEvents();
    }

    boolean everything() {
        return authorizedEvents == null || authorizedEvents.everything();
    }
}
