package com.flash.backoffice.workflows.approval;

import java.time.Duration;
import java.util.Objects;

/**
 * The rules a request is decided under, fixed when it is opened.
 *
 * @param approverRole the role an approver must hold (e.g. {@code FINANCE}); ADMIN is no substitute
 * @param autoApproveBelowMsat below this amount no person needs to decide (0: everything needs a decision)
 * @param twoApproversAboveMsat above this amount two distinct approvers are needed
 * @param remindAfter the age at which the approver group gets a reminder e-mail
 * @param deadline the age at which an undecided request is cancelled
 */
public record ApprovalPolicy(
        String approverRole,
        long autoApproveBelowMsat,
        long twoApproversAboveMsat,
        Duration remindAfter,
        Duration deadline) {

    public ApprovalPolicy {
        Objects.requireNonNull(approverRole, "approverRole");
        Objects.requireNonNull(remindAfter, "remindAfter");
        Objects.requireNonNull(deadline, "deadline");
        if (autoApproveBelowMsat < 0 || twoApproversAboveMsat < 0) {
            throw new IllegalArgumentException("limits must not be negative");
        }
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("deadline must be positive: " + deadline);
        }
    }
}
