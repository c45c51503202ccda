package com.flash.backoffice.workflows.approval;

import com.flash.backoffice.db.approval.ApproverRoles;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place of the approval rules. Pure: the workflow's update validator asks {@link #refusal} and the inbox
 * reads the same answers through it, so no screen or route can apply a rule of its own.
 */
public final class ApprovalRules {

    public static final int MAX_REASON_LENGTH = 1000;
    public static final int MAX_NAME_LENGTH = 190;

    private ApprovalRules() {}

    /** 0 below the auto-approve limit, 2 distinct approvers above the high limit, else 1. */
    public static int approvalsNeeded(ApprovalPolicy policy, long amountMsat) {
        if (amountMsat < policy.autoApproveBelowMsat()) {
            return 0;
        }
        return amountMsat > policy.twoApproversAboveMsat() ? 2 : 1;
    }

    /** Why {@code decision} is refused, or empty when it may be applied. */
    public static Optional<String> refusal(ApprovalRequestState state, ApprovalDecision decision) {
        String decidedBy = decision.decidedBy().strip();
        if (!state.open()) {
            return Optional.of("This request is not awaiting a decision (it is decided, expired or withdrawn).");
        }
        if (decidedBy.isEmpty()) {
            return Optional.of("A decision must name who decides.");
        }
        if (decidedBy.length() > MAX_NAME_LENGTH) {
            return Optional.of("A decider's name takes at most " + MAX_NAME_LENGTH + " characters.");
        }
        String role = state.policy().approverRole();
        if (!ApproverRoles.anyHeld(role, decision.roles())) {
            return Optional.of(
                    ApproverRoles.of(role).contains("ADMIN")
                            ? "Only " + ApproverRoles.describe(role) + " can decide this request."
                            : "Only " + ApproverRoles.describe(role)
                                    + " can decide this request (ADMIN is no substitute).");
        }
        if (sameName(decidedBy, state.subject().requestedBy())) {
            return Optional.of("You requested this, so someone else must decide it.");
        }
        if (decision.revision() != state.currentRevision()) {
            return Optional.of("Stale revision: you decided on revision " + decision.revision()
                    + " but the request is at revision " + state.currentRevision() + "; reload it and decide again.");
        }
        String reason = decision.reason() == null ? "" : decision.reason().strip();
        if (decision.verdict() == ApprovalVerdict.REJECT && reason.isEmpty()) {
            return Optional.of("A rejection needs a reason.");
        }
        if (reason.length() > MAX_REASON_LENGTH) {
            return Optional.of("A reason takes at most " + MAX_REASON_LENGTH + " characters.");
        }
        if (decision.verdict() == ApprovalVerdict.APPROVE && hasApproved(state.decisions(), decidedBy)) {
            return Optional.of(
                    "You have already approved this request; the next approval must come from someone" + " else.");
        }
        return Optional.empty();
    }

    /** The outcome the decisions reach: one rejection rejects; enough distinct approvers approve; else null. */
    public static ApprovalOutcome outcome(int approvalsNeeded, List<RecordedDecision> decisions) {
        if (decisions.stream().anyMatch(d -> d.verdict() == ApprovalVerdict.REJECT)) {
            return ApprovalOutcome.REJECTED;
        }
        return approvalsGiven(decisions) >= approvalsNeeded ? ApprovalOutcome.APPROVED : null;
    }

    /** Distinct approvers so far. */
    public static int approvalsGiven(List<RecordedDecision> decisions) {
        return (int) decisions.stream()
                .filter(d -> d.verdict() == ApprovalVerdict.APPROVE)
                .map(d -> d.decidedBy().strip().toLowerCase(Locale.ROOT))
                .distinct()
                .count();
    }

    private static boolean hasApproved(List<RecordedDecision> decisions, String decidedBy) {
        return decisions.stream()
                .anyMatch(d -> d.verdict() == ApprovalVerdict.APPROVE && sameName(d.decidedBy(), decidedBy));
    }

    private static boolean sameName(String a, String b) {
        return a != null && b != null && a.strip().equalsIgnoreCase(b.strip());
    }
}
