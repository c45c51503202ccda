package com.flash.backoffice.portal.refund.claim;

import com.flash.backoffice.db.refund.RefundState;
import java.time.Instant;

/**
 * What the public claim page shows: the amount, where the refund stands and, while it can be claimed, the LNURL its QR
 * code carries. Nothing about the merchant's balance or the agent.
 */
public record ClaimPage(
        String refundId, String invoiceId, long amountMsat, RefundState state, Instant claimExpiresAt, String lnurl) {

    public boolean claimable() {
        return lnurl != null;
    }
}
