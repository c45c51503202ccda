package com.flash.backoffice.portal.card.topup;

/**
 * What FINANCE's manual top-up came to. Refused: {@code field} names the input at fault ({@code amount}, {@code
 * reason}) or is null for the card itself, and nothing was written. Accepted: credited at once, or waiting in the
 * approvals inbox.
 */
public record ManualTopUpOutcome(boolean accepted, boolean awaitingApproval, String field, String message) {

    static ManualTopUpOutcome refused(String field, String message) {
        return new ManualTopUpOutcome(false, false, field, message);
    }

    static ManualTopUpOutcome done(String message) {
        return new ManualTopUpOutcome(true, false, null, message);
    }

    static ManualTopUpOutcome waiting(String message) {
        return new ManualTopUpOutcome(true, true, null, message);
    }
}
