package com.flash.backoffice.workflows.merchant;

import com.flash.backoffice.db.merchant.GuardedSettings;
import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import java.util.List;
import java.util.Objects;

/**
 * A change of a merchant's guarded settings as its requester asked for it: {@code before} is what they saw, {@code
 * after} what they want. {@code policy} names who may approve it.
 */
public record MerchantChangeRequest(
        String changeId,
        String merchantId,
        GuardedSettings before,
        GuardedSettings after,
        String requestedBy,
        List<String> requestedByRoles,
        ApprovalPolicy policy) {

    public MerchantChangeRequest {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(merchantId, "merchantId");
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(policy, "policy");
        requestedByRoles = requestedByRoles == null ? List.of() : List.copyOf(requestedByRoles);
    }
}
