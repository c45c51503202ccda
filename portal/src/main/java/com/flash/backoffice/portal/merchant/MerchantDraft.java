package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.merchant.OnchainCustody;
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
        PayoutSchedule payoutSchedule,
        OnchainCustody onchainCustody) {

    public MerchantDraft withOnchainCustody(OnchainCustody custody) {
        return new MerchantDraft(
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

    public MerchantDraft withDerivationScheme(String scheme) {
        return new MerchantDraft(
                name,
                defaultCurrency,
                scheme,
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
                payoutSchedule,
                onchainCustody);
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
                PayoutSchedule.MANUAL,
                OnchainCustody.MERCHANT_WALLET);
    }
}
