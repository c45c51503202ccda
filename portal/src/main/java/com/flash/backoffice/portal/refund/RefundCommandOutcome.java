package com.flash.backoffice.portal.refund;

import com.flash.backoffice.db.refund.Refund;

/** A command's answer: the refund after it, or the refusal (code and words) with the refund as it stands. */
public record RefundCommandOutcome(boolean done, String code, String message, Refund refund) {

    static RefundCommandOutcome done(Refund refund) {
        return new RefundCommandOutcome(true, null, null, refund);
    }

    static RefundCommandOutcome refused(String code, String message, Refund refund) {
        return new RefundCommandOutcome(false, code, message, refund);
    }
}
