package com.flash.backoffice.db.apikey;

import com.flash.backoffice.db.support.Sha256;

final class ApiKeyHashing {

    private ApiKeyHashing() {}

    /** The key has 256 random bits, so a fast unsalted hash is enough: there is nothing to brute-force. */
    static String sha256Hex(String plaintextKey) {
        return Sha256.hex(plaintextKey);
    }
}
