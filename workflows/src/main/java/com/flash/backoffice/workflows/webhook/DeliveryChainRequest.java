package com.flash.backoffice.workflows.webhook;

import java.util.Objects;

/** The stored delivery to send first; {@code automaticRedelivery} false sends it once (manual redelivery). */
public record DeliveryChainRequest(String deliveryId, boolean automaticRedelivery) {

    public DeliveryChainRequest {
        Objects.requireNonNull(deliveryId, "deliveryId");
    }
}
