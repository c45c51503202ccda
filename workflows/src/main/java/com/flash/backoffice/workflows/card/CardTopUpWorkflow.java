package com.flash.backoffice.workflows.card;

import com.flash.backoffice.workflows.approval.ApprovalRequired;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One manual top-up of a card by FINANCE ({@code card-top-up-<id>}): recorded with its reason, booked at once up to
 * the limit, above it decided in the approvals inbox by another FINANCE user (two above the high limit), then credited
 * once or cancelled. The four-eyes rules live here, in {@link ApprovalRequired}'s validator.
 */
@WorkflowInterface
public interface CardTopUpWorkflow extends ApprovalRequired {

    String TASK_QUEUE = CardTapWorkflow.TASK_QUEUE;

    static String workflowId(String topUpId) {
        return "card-top-up-" + topUpId;
    }

    @WorkflowMethod
    CardTopUpSnapshot run(ManualTopUpRequest request);

    @QueryMethod
    CardTopUpSnapshot snapshot();
}
