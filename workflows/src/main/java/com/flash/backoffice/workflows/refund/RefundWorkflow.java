package com.flash.backoffice.workflows.refund;

import com.flash.backoffice.workflows.approval.ApprovalRequired;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One workflow per refund, id {@code refund-<refundId>}: the approval (SUPPORT's own below its limit, FINANCE's above
 * it and always for Fiat), the reservation, the wait for a claim (the customer's LNURL-withdraw or an agent's
 * destination) until the claim expires, then the payment through the payment feature, exactly once.
 */
@WorkflowInterface
public interface RefundWorkflow extends ApprovalRequired {

    String TASK_QUEUE = "refunds";

    static String workflowId(String refundId) {
        return "refund-" + refundId;
    }

    @WorkflowMethod
    RefundSnapshot run(RefundRequest request);

    /** Pays the refund to {@code claim.destination()}: the customer's LNURL-withdraw invoice or an agent's choice. */
    @UpdateMethod
    RefundSnapshot claim(RefundClaim claim);

    @UpdateValidatorMethod(updateName = "claim")
    void validateClaim(RefundClaim claim);

    /** Cancels a refund awaiting approval or its claim; a reservation is released. */
    @UpdateMethod
    RefundSnapshot cancel(RefundCommand command);

    @UpdateValidatorMethod(updateName = "cancel")
    void validateCancel(RefundCommand command);

    @QueryMethod
    RefundSnapshot snapshot();
}
