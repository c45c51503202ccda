package com.flash.backoffice.db.apikey;

/** The only time the plaintext key exists outside the caller's hands: show it once, never store it. */
public record CreatedApiKey(String id, String plaintextKey) {

    @Override
    public String toString() {
        return "CreatedApiKey[id=" + id + ", plaintextKey=<hidden>]";
    }
}
