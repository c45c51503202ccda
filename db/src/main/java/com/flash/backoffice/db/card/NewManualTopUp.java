package com.flash.backoffice.db.card;

import java.util.List;
import java.util.Objects;

/**
 * FINANCE's request to give a card value that Flash funds, with the reason for the audit log. {@code id} is chosen by
 * the caller, so a retried request writes once.
 */
public record NewManualTopUp(
        String id, String cardId, long amountMsat, String reason, String requestedBy, List<String> requestedByRoles) {

    public static final int MAX_REASON_LENGTH = 500;

    public NewManualTopUp {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(cardId, "cardId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        requestedByRoles = List.copyOf(requestedByRoles);
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException(
                    "a manual top-up needs a reason of at most " + MAX_REASON_LENGTH + " characters");
        }
    }
}
