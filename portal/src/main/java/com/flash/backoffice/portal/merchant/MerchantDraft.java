package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.merchant.PayoutSchedule;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.math.BigDecimal;

/** What staff typed into the merchant form, before validation. Any field may be missing or wrong. */
public record MerchantDraft(
        String name,
        String defaultCurrency,
        String derivationScheme,
        String lightningConnection,
        SpeedPolicy speedPolicy,
        Integer invoiceExpiryMinutes,
        Integer monitoringMinutes,
        BigDecimal paymentTolerancePct,
        BigDecimal processingFeePct,
        String payoutDestination,
        PayoutSchedule payoutSchedule) {

    public MerchantDraft withName(String newName) {
        return new MerchantDraft(
                newName,
                defaultCurrency,
                derivationScheme,
                lightningConnection,
                speedPolicy,
                invoiceExpiryMinutes,
                monitoringMinutes,
                paymentTolerancePct,
                processingFeePct,
                payoutDestination,
                payoutSchedule);
    }

    public static MerchantDraft defaults() {
        return new MerchantDraft(
                "",
                "USD",
                "",
                "",
                SpeedPolicy.MEDIUM,
                15,
                1440,
                BigDecimal.ZERO,
                new BigDecimal("1.00"),
                "",
                PayoutSchedule.MANUAL);
    }
}
