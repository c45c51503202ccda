package com.flash.backoffice.db.payout;

import java.time.Instant;

/**
 * A payout as stored. {@code revision} guards edits: the workflow writes each state with the next revision, and an
 * approval or cancellation carries the revision it saw.
 *
 * @param feeMsat routing or network fee paid, once completed
 * @param proof the preimage (Lightning) or transaction id (on-chain), once completed
 */
public record Payout(
        String id,
        String merchantId,
        String destination,
        PayoutDestinationKind destinationKind,
        long amountMsat,
        long feeLimitMsat,
        PayoutState state,
        int revision,
        PayoutOrigin origin,
        String requestedBy,
        String failure,
        String failureDetail,
        Long feeMsat,
        String proof,
        Instant createdAt,
        Instant updatedAt,
        Instant completedAt) {

    public static String workflowId(String payoutId) {
        return "payout-" + payoutId;
    }
}
