package com.flash.backoffice.portal.card;

/**
 * What a person's command to a card came to: done, or refused with the card workflow's words. {@code field} names the
 * input at fault when one is ({@code pin} on the activation page), else null.
 */
public record CardCommandOutcome(boolean done, String message, String field) {

    public CardCommandOutcome(boolean done, String message) {
        this(done, message, null);
    }

    static CardCommandOutcome ok() {
        return new CardCommandOutcome(true, "Done");
    }

    static CardCommandOutcome refused(String message) {
        return new CardCommandOutcome(false, message);
    }

    static CardCommandOutcome refusedPin(String message) {
        return new CardCommandOutcome(false, message, "pin");
    }
}
