package com.flash.backoffice.db.invoice;

import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A stored invoice. {@code amountMsat} null is a top-up invoice; {@code revision} is the workflow's.
 * {@code attentionReason} is set while its workflow waits for staff because the ledger refused a posting.
 */
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
        Instant updatedAt,
        String attentionReason) {

    public boolean needsAttention() {
        return attentionReason != null;
    }
}
