package com.flash.backoffice.db.invoice;

import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.math.BigDecimal;
import java.time.Instant;

/** A stored invoice. {@code amountMsat} null is a top-up invoice; {@code revision} is the workflow's. */
public record Invoice(
        String id,
        String merchantId,
        InvoiceStatus status,
        InvoiceAdditionalStatus additionalStatus,
        Long amountMsat,
        String currency,
        BigDecimal fiatAmount,
        BigDecimal rate,
        String orderId,
        String metadataJson,
        SpeedPolicy speedPolicy,
        int toleranceBasisPoints,
        int processingFeeBasisPoints,
        Instant createdAt,
        Instant expiresAt,
        Instant monitoringUntil,
        long paidMsat,
        String statusReason,
        int revision,
        Instant updatedAt) {}
