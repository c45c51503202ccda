package com.flash.backoffice.db.card;

/** What a programming or reset request with a one-time token came to. */
public sealed interface Programming {

    /** The card to write keys of {@code version} into (programming), or to wipe with them (reset). */
    record Granted(Card card, int version) implements Programming {}

    /** Nothing written (the token is still good unless it was unknown or expired): the reason for the app. */
    record Refused(int httpStatus, String reason) implements Programming {}
}
