package com.flash.backoffice.portal.suspense;

/** The fields of the allocation form, for messages that belong to one. */
public enum SuspenseField {
    MERCHANT,
    AMOUNT,
    REASON
}
