package com.flash.backoffice.db.merchant;

import java.math.BigDecimal;
import java.util.Objects;

public record NewMerchant(
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
        OnchainCustody onchainCustody) {

    public NewMerchant {
        if (onchainCustody == null) {
            onchainCustody = OnchainCustody.MERCHANT_WALLET;
        }
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(defaultCurrency, "defaultCurrency");
        Objects.requireNonNull(speedPolicy, "speedPolicy");
        Objects.requireNonNull(paymentTolerancePct, "paymentTolerancePct");
        Objects.requireNonNull(processingFeePct, "processingFeePct");
        Objects.requireNonNull(payoutSchedule, "payoutSchedule");
    }

    public NewMerchant withOnchainCustody(OnchainCustody custody) {
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
                custody);
    }

    /** These values with {@code guarded} in place of their watch-only key, payout destination and custody. */
    public NewMerchant withGuarded(GuardedSettings guarded) {
        return new NewMerchant(
                name,
                defaultCurrency,
                guarded.derivationScheme(),
                lightningConnection,
                speedPolicy,
                invoiceExpiryMinutes,
                monitoringMinutes,
                paymentTolerancePct,
                processingFeePct,
                guarded.payoutDestination(),
                payoutSchedule,
                guarded.onchainCustody());
    }

    /** BTCPay's defaults: medium speed, 15 minutes expiry, 24 hours monitoring, no tolerance; a 1 % fee. */
    public static NewMerchant withDefaults(String name, String defaultCurrency) {
        return new NewMerchant(
                name,
                defaultCurrency,
                null,
                null,
                SpeedPolicy.MEDIUM,
                15,
                1440,
                BigDecimal.ZERO,
                new BigDecimal("1.00"),
                null,
                PayoutSchedule.MANUAL,
                OnchainCustody.MERCHANT_WALLET);
    }
}
