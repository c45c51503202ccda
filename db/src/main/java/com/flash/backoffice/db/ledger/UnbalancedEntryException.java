package com.flash.backoffice.db.ledger;

/** The database refused to post an entry (unbalanced or fewer than two lines); nothing was written. */
public class UnbalancedEntryException extends RuntimeException {

    public UnbalancedEntryException(String sourceKey, String databaseMessage, Throwable cause) {
        super("journal entry '" + sourceKey + "' was refused: " + databaseMessage, cause);
    }
}
