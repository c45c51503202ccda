package com.flash.backoffice.db.merchant;

import java.time.Instant;

/**
 * A requested change of a merchant's guarded settings: what it replaces, what it sets, who asked, how it ended.
 *
 * @param closedAt null while pending
 */
public record MerchantChange(
        String id,
        String merchantId,
        MerchantChangeStatus status,
        GuardedSettings before,
        GuardedSettings after,
        String requestedBy,
        String note,
        Instant createdAt,
        Instant closedAt) {

    /** The names of the settings it changes. */
    public java.util.List<String> changes() {
        return before.changesTo(after);
    }
}
