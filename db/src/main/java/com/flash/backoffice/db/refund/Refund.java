package com.flash.backoffice.db.refund;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A stored refund. {@code amountMsat} is what the customer is paid (after the subtracted percentage); for Fiat it is
 * an estimate until {@code amountFixed}. {@code reservedFromBalanceMsat} and {@code receivableMsat} say how the
 * reservation took it (null before approval).
 */
public record Refund(
        String id,
        String invoiceId,
        String merchantId,
        RefundVariant variant,
        RefundSource source,
        Long suspenseReceiptId,
        long amountMsat,
        boolean amountFixed,
        BigDecimal fiatAmount,
        String fiatCurrency,
        BigDecimal rate,
        BigDecimal subtractPercentage,
        String reason,
        boolean allowNegativeBalance,
        String destination,
        String claimToken,
        String k1,
        Instant k1UsedAt,
        Instant claimExpiresAt,
        RefundState state,
        int revision,
        int attempts,
        Long reservedFromBalanceMsat,
        Long receivableMsat,
        RefundOrigin origin,
        String requestedBy,
        long feeLimitMsat,
        Long feeMsat,
        String proof,
        String failureDetail,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    /** Reserved in the ledger and not yet paid or released. */
    public boolean holdsReservation() {
        return reservedFromBalanceMsat != null && !state.isFinal();
    }

    /** A claim by LNURL-withdraw may come now: awaiting its claim, the k1 unused, before the claim expiry. */
    public boolean claimable(Instant now) {
        return state == RefundState.AWAITING_CLAIM
                && k1UsedAt == null
                && (claimExpiresAt == null || now.isBefore(claimExpiresAt));
    }
}
