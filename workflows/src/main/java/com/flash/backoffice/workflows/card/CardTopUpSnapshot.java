package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.TopUpState;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;

/**
 * A manual top-up as its workflow knows it: open while it awaits a decision ({@code outcome} null), then credited to
 * {@code creditedCardId} or cancelled.
 */
public record CardTopUpSnapshot(
        String topUpId, TopUpState state, ApprovalOutcome outcome, long revision, String creditedCardId) {}
