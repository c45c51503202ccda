package com.flash.backoffice.db.merchant;

public enum MerchantUpdateResult {
    /** Saved; the stored revision is now the expected revision + 1. */
    UPDATED,
    /** Someone saved in between: reload and apply the change again. */
    STALE_REVISION,
    NOT_FOUND
}
