package com.flash.backoffice.workflows.approval;

import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;

/**
 * Implemented by every workflow that waits for a decision by people (payouts, refunds, campaign budgets...). The
 * validator is the one choke point for the rules ({@link ApprovalRules}): a decision that breaks one is refused
 * before it enters the history, whichever screen or route sent it. The inbox sends decisions through the update
 * name {@value #DECIDE}, so it needs no knowledge of the workflow's type.
 */
public interface ApprovalRequired {

    String DECIDE = "decide";

    @UpdateMethod(name = DECIDE)
    ApprovalResult decide(ApprovalDecision decision);

    /** Throws {@link IllegalArgumentException} with the rule's message when the decision is refused. */
    @UpdateValidatorMethod(updateName = DECIDE)
    void validateDecision(ApprovalDecision decision);
}
