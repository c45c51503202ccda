package com.flash.backoffice.db.apikey;

public enum RevokeResult {
    REVOKED,
    /** It was revoked before; the first revocation time stays. */
    ALREADY_REVOKED,
    NOT_FOUND
}
