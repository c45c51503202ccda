package com.flash.backoffice.workflows.webhook;

/** How a delivery chain ended: its last delivery, the outcome and how many deliveries it sent. */
public record DeliveryChainResult(String lastDeliveryId, DeliveryOutcome outcome, int attempts) {}
