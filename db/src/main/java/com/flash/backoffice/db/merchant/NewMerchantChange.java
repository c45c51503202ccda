package com.flash.backoffice.db.merchant;

import java.util.List;
import java.util.Objects;

/** A change to request: {@code before} is what the requester saw, {@code after} what they want. */
public record NewMerchantChange(
        String id,
        String merchantId,
        GuardedSettings before,
        GuardedSettings after,
        String requestedBy,
        List<String> requestedByRoles) {

    public NewMerchantChange {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(requestedBy, "requestedBy");
        requestedByRoles = List.copyOf(requestedByRoles);
        if (before.changesTo(after).isEmpty()) {
            throw new IllegalArgumentException("a change must change something");
        }
    }
}
