package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.merchant.Merchant;
import java.util.List;

/** Outcome of a save: the stored merchant, or why nothing was stored. */
public sealed interface MerchantSaveResult {

    record Saved(Merchant merchant) implements MerchantSaveResult {}

    /**
     * The other fields are saved; the change of {@code guardedChanges} (watch-only key, payout destination, custody)
     * waits in the approvals inbox for a second person (two-person rule) and {@code merchant} still has the old ones.
     */
    record AwaitingApproval(Merchant merchant, List<String> guardedChanges, String approvers)
            implements MerchantSaveResult {}

    record Invalid(MerchantValidation validation) implements MerchantSaveResult {}

    /** Someone else saved the merchant since it was opened; nothing was written. */
    record Stale() implements MerchantSaveResult {}

    record NotFound() implements MerchantSaveResult {}
}
