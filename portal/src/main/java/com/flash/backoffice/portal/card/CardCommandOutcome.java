package com.flash.backoffice.portal.card;

/** What a person's command to a card came to: done, or refused with the card workflow's words. */
public record CardCommandOutcome(boolean done, String message) {

    static CardCommandOutcome ok() {
        return new CardCommandOutcome(true, "Done");
    }

    static CardCommandOutcome refused(String message) {
        return new CardCommandOutcome(false, message);
    }
}
