package com.flash.backoffice.db.support;

/**
 * Keys stored as ASCII (tokens, k1 values, idempotency keys): MariaDB refuses to compare such a column with a string
 * that has other characters ("illegal mix of collations"), so a lookup asks first whether a caller's value could be a
 * key at all. None that is not printable ASCII can: it is simply not found.
 */
public final class AsciiKeys {

    private AsciiKeys() {}

    public static boolean couldBeKey(String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }
}
