package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.merchant.Merchant;

/** Outcome of a save: the stored merchant, or why nothing was stored. */
public sealed interface MerchantSaveResult {

    record Saved(Merchant merchant) implements MerchantSaveResult {}

    record Invalid(MerchantValidation validation) implements MerchantSaveResult {}

    /** Someone else saved the merchant since it was opened; nothing was written. */
    record Stale() implements MerchantSaveResult {}

    record NotFound() implements MerchantSaveResult {}
}
