package com.flash.backoffice.reports.refunds;

import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.refund.RefundVariant;

/** Values the refunds report computes from a row, the way BTCPay's refunds report shows them. */
final class RefundValues {

    private RefundValues() {}

    /** BTCPay's variant name ({@code refundVariant} in Greenfield), e.g. {@code RateThen}. */
    static String variant(String stored) {
        return stored == null ? null : RefundVariant.valueOf(stored).greenfieldName();
    }

    /**
     * Flash's refund state, one name per state: {@code Expired} stays apart from {@code Cancelled} and
     * {@code AwaitingClaim} names what BTCPay's payout calls {@code AwaitingPayment}.
     */
    static String state(String stored) {
        if (stored == null) {
            return null;
        }
        return switch (RefundState.valueOf(stored)) {
            case AWAITING_APPROVAL -> "AwaitingApproval";
            case AWAITING_CLAIM -> "AwaitingClaim";
            case IN_PROGRESS -> "InProgress";
            case COMPLETED -> "Completed";
            case CANCELLED -> "Cancelled";
            case EXPIRED -> "Expired";
        };
    }

    /** BTCPay's FullyPaid: the limit is paid, {@code Limit <= Completed}. */
    static Boolean fullyPaid(Long limitMsat, Long completedMsat) {
        if (limitMsat == null || completedMsat == null) {
            return null;
        }
        return limitMsat <= completedMsat;
    }
}
