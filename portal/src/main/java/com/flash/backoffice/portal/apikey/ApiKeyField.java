package com.flash.backoffice.portal.apikey;

/** The fields of the key form, each of which can carry its own message. */
public enum ApiKeyField {
    LABEL,
    STORE,
    PERMISSIONS,
    EXPIRY
}
