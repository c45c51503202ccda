package com.flash.backoffice.workflows.card;

/**
 * What a tap's {@code p} holds once decrypted with K1: the card's UID and its tap counter. The UID identifies a person's
 * card, so it is never printed: {@link #toString} shows the counter only.
 */
public record PiccData(byte[] uid, int counter) {

    @Override
    public String toString() {
        return "PiccData[counter=" + counter + "]";
    }
}
