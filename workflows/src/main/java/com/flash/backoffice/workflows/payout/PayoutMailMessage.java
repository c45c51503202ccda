package com.flash.backoffice.workflows.payout;

/**
 * An e-mail to a merchant about its payout.
 *
 * @param messageId stable per payout and revision, e.g. {@code <payout-abc-3@flash>}
 */
public record PayoutMailMessage(String to, String subject, String text, String messageId) {}
