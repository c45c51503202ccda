package com.flash.backoffice.portal.refund.api;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.refund.Refund;
import java.math.BigDecimal;

/**
 * BTCPay answers a refund with the PullPaymentData of the pull payment it creates; a Flash refund is that pull
 * payment, so the same fields (amount in BTC, {@code viewLink} the customer's claim page), with Flash's own after
 * them: the refund's state (BTCPay's payout state names), variant, amounts and proof.
 */
record RefundData(
        String id,
        String name,
        String description,
        String currency,
        String amount,
        Long period,
        long BOLT11Expiration,
        boolean autoApproveClaims,
        boolean archived,
        String viewLink,
        long startsAt,
        Long expiresAt,
        String invoiceId,
        String state,
        String status,
        int revision,
        String refundVariant,
        long amountMsat,
        BigDecimal fiatAmount,
        String fiatCurrency,
        BigDecimal subtractPercentage,
        String destination,
        Long feeMsat,
        String proof) {

    static RefundData of(Refund refund, String claimPage) {
        return new RefundData(
                refund.id(),
                "Refund " + refund.invoiceId(),
                refund.reason(),
                "BTC",
                Msat.ofMsat(refund.amountMsat()).toBtcString(),
                null,
                30,
                false,
                refund.state().isFinal(),
                claimPage,
                refund.createdAt().getEpochSecond(),
                refund.claimExpiresAt() == null ? null : refund.claimExpiresAt().getEpochSecond(),
                refund.invoiceId(),
                refund.state().greenfieldName(),
                refund.state().name(),
                refund.revision(),
                refund.variant().greenfieldName(),
                refund.amountMsat(),
                refund.fiatAmount(),
                refund.fiatCurrency(),
                refund.subtractPercentage(),
                refund.destination(),
                refund.feeMsat(),
                refund.proof());
    }
}
