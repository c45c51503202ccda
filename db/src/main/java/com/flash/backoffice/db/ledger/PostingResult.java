package com.flash.backoffice.db.ledger;

public enum PostingResult {
    /** The entry and its lines are now in the ledger. */
    POSTED,
    /** An entry with this source key was posted before; nothing was written. Not an error. */
    ALREADY_POSTED
}
