package com.flash.backoffice.db.invoice;

public enum SaveStateResult {
    /** The stored invoice now has this revision. */
    SAVED,
    /** The stored revision is this one or newer (a retried or overtaken write); nothing changed. Not an error. */
    ALREADY_SAVED,
    NOT_FOUND
}
