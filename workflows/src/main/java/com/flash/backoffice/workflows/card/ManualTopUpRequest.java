package com.flash.backoffice.workflows.card;

import com.flash.backoffice.workflows.approval.ApprovalPolicy;
import java.util.List;
import java.util.Objects;

/**
 * FINANCE's manual top-up of a card, as its workflow {@code card-top-up-<topUpId>} starts: the amount Flash gives, the
 * reason, who asked, and the approval rules fixed when it was asked.
 */
public record ManualTopUpRequest(
        String topUpId,
        String cardId,
        long amountMsat,
        String reason,
        String requestedBy,
        List<String> requestedByRoles,
        ApprovalPolicy policy) {

    public ManualTopUpRequest {
        Objects.requireNonNull(topUpId, "topUpId");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(policy, "policy");
        requestedByRoles = List.copyOf(requestedByRoles);
    }
}
