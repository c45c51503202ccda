package com.flash.backoffice.workflows.merchant;

import com.flash.backoffice.db.merchant.MerchantChangeStatus;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;

/** Where a merchant change stands: {@code outcome} is null while it awaits a decision. */
public record MerchantChangeSnapshot(
        String changeId, MerchantChangeStatus status, ApprovalOutcome outcome, long revision) {}
