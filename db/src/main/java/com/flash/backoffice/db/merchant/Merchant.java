package com.flash.backoffice.db.merchant;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A merchant (store). {@code revision} is the optimistic lock: an update must carry the revision it read.
 * {@code derivationScheme} is a watch-only extended public key (used when {@code onchainCustody} is the merchant's
 * wallet); {@code lightningConnection} is host:port only.
 */
public record Merchant(
        String id,
        String name,
        String defaultCurrency,
        String derivationScheme,
        String lightningConnection,
        SpeedPolicy speedPolicy,
        int invoiceExpiryMinutes,
        int monitoringMinutes,
        BigDecimal paymentTolerancePct,
        BigDecimal processingFeePct,
        String payoutDestination,
        PayoutSchedule payoutSchedule,
        long nextDerivationIndex,
        int revision,
        Instant createdAt,
        Instant updatedAt,
        OnchainCustody onchainCustody) {

    public Merchant {
        if (onchainCustody == null) {
            onchainCustody = OnchainCustody.MERCHANT_WALLET;
        }
    }

    /** The fields staff edit, as a create or update carries them. */
    public NewMerchant editableValues() {
        return new NewMerchant(
                name,
                defaultCurrency,
                derivationScheme,
                lightningConnection,
                speedPolicy,
                invoiceExpiryMinutes,
                monitoringMinutes,
                paymentTolerancePct,
                processingFeePct,
                payoutDestination,
                payoutSchedule,
                onchainCustody);
    }
}
