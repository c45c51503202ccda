package com.flash.backoffice.workflows.payout;

import com.flash.backoffice.workflows.approval.ApprovalRequired;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per payout, id {@code payout-<payoutId>}, from the reserved request to Completed or Cancelled:
 * approval (the {@code decide} update of {@link ApprovalRequired}), then the payment through the payment feature,
 * exactly once. Every command carries the revision it saw and is refused by its validator when it does not apply.
 */
@WorkflowInterface
public interface PayoutWorkflow extends ApprovalRequired {

    String TASK_QUEUE = "payouts";

    static String workflowId(String payoutId) {
        return "payout-" + payoutId;
    }

    @WorkflowMethod
    PayoutSnapshot run(PayoutRequest request);

    /** Cancels a payout awaiting approval or payment, or parked in Failed; the reservation is released. */
    @UpdateMethod
    PayoutSnapshot cancel(PayoutCommand command);

    @UpdateValidatorMethod(updateName = "cancel")
    void validateCancel(PayoutCommand command);

    /** Tries a failed payout's payment again (a new attempt: the failed one is final at the node). */
    @UpdateMethod
    PayoutSnapshot retry(PayoutCommand command);

    @UpdateValidatorMethod(updateName = "retry")
    void validateRetry(PayoutCommand command);

    /** BTCPay's mark-paid: the payout was paid outside Flash; the note is the proof (a txid, a reference). */
    @UpdateMethod
    PayoutSnapshot markPaid(PayoutCommand command);

    @UpdateValidatorMethod(updateName = "markPaid")
    void validateMarkPaid(PayoutCommand command);

    @QueryMethod
    PayoutSnapshot snapshot();
}
