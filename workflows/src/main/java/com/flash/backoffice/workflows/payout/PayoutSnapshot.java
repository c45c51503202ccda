package com.flash.backoffice.workflows.payout;

/** The workflow's view of the payout (query result and the workflow's return value). */
public record PayoutSnapshot(
        String payoutId,
        PayoutStatus status,
        int revision,
        int attempts,
        Long feeMsat,
        String proof,
        String failure,
        String failureDetail) {}
