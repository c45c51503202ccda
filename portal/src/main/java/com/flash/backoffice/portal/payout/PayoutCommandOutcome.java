package com.flash.backoffice.portal.payout;

import com.flash.backoffice.db.payout.Payout;

/**
 * What a command on a payout (cancel, retry, mark paid, a decision) did: done, or refused by the workflow with its
 * reason. {@code code} is BTCPay's error code ({@code invalid-state}, {@code old-revision}...) when refused.
 */
public record PayoutCommandOutcome(boolean done, String code, String message, Payout payout) {

    public static PayoutCommandOutcome done(Payout payout) {
        return new PayoutCommandOutcome(true, null, null, payout);
    }

    public static PayoutCommandOutcome refused(String code, String message, Payout payout) {
        return new PayoutCommandOutcome(false, code, message, payout);
    }
}
