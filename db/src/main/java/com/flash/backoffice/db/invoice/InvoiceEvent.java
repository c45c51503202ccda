package com.flash.backoffice.db.invoice;

import java.time.Instant;
import java.util.Objects;

/**
 * A timeline entry and webhook outbox row. {@code eventType} is BTCPay's webhook type (InvoiceSettled...);
 * {@code paymentRef} is empty for events about the invoice as a whole. {@code id} is 0 until stored.
 */
public record InvoiceEvent(
        long id,
        String invoiceId,
        int revision,
        String eventType,
        InvoiceStatus status,
        InvoiceAdditionalStatus additionalStatus,
        String paymentRef,
        String detail,
        Instant occurredAt) {

    public InvoiceEvent {
        Objects.requireNonNull(invoiceId, "invoiceId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(additionalStatus, "additionalStatus");
        Objects.requireNonNull(occurredAt, "occurredAt");
        paymentRef = paymentRef == null ? "" : paymentRef;
    }
}
