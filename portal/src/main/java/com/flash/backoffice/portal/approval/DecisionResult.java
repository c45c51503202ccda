package com.flash.backoffice.portal.approval;

import com.flash.backoffice.workflows.approval.ApprovalOutcome;

/**
 * The answer to one decision.
 *
 * @param outcome the request's final outcome when the decision completed it, else null
 * @param message for the person who decided: what happened, or the rule that refused it
 */
public record DecisionResult(
        String subjectId, DecisionStatus status, ApprovalOutcome outcome, int approvalsStillNeeded, String message) {

    public boolean decided() {
        return status == DecisionStatus.DECIDED;
    }
}
