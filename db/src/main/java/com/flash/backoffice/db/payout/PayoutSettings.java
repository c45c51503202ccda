package com.flash.backoffice.db.payout;

/** A merchant's payout settings; below {@code autoApproveBelowMsat} a payout needs nobody's approval. */
public record PayoutSettings(String merchantId, long autoApproveBelowMsat, String contactEmail) {

    public static PayoutSettings defaults(String merchantId) {
        return new PayoutSettings(merchantId, 0, null);
    }
}
