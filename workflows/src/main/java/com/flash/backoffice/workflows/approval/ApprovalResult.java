package com.flash.backoffice.workflows.approval;

/**
 * What a decision did.
 *
 * @param revision the request's revision after the decision
 * @param outcome the final outcome once the decision completed it; null while more approvals are needed
 * @param approvalsStillNeeded 0 once decided
 */
public record ApprovalResult(long revision, ApprovalOutcome outcome, int approvalsStillNeeded) {}
