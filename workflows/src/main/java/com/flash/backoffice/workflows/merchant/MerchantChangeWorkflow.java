package com.flash.backoffice.workflows.merchant;

import com.flash.backoffice.workflows.approval.ApprovalRequired;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The two-person rule for a merchant's watch-only key, payout destination and on-chain custody ({@code
 * merchant-change-<merchantId>}, so at most one change per merchant waits): recorded, decided in the approvals inbox
 * by someone other than the requester, then applied once, or closed. The rules live in {@link ApprovalRequired}'s
 * validator, so no screen or route can apply a change alone.
 */
@WorkflowInterface
public interface MerchantChangeWorkflow extends ApprovalRequired {

    String TASK_QUEUE = "merchants";

    static String workflowId(String merchantId) {
        return "merchant-change-" + merchantId;
    }

    /** The change's id in the approvals inbox (a merchant has many changes over time, one workflow id). */
    static String subjectId(String changeId) {
        return "merchant-change-" + changeId;
    }

    @WorkflowMethod
    MerchantChangeSnapshot run(MerchantChangeRequest request);

    /** Withdraws the change while it awaits a decision. */
    @SignalMethod
    void withdraw(String by);

    @QueryMethod
    MerchantChangeSnapshot snapshot();
}
