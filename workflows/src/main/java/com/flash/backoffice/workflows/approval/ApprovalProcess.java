package com.flash.backoffice.workflows.approval;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A decision by people inside a requesting workflow (payout, refund...). The host creates it in its workflow method,
 * calls {@link #await()}, and delegates its {@code decide} update: the validator to {@link #validate}, the handler
 * to {@link #apply}. Deadlines and reminders are durable timers. Deterministic: workflow time, timers and the
 * {@link ApprovalActivities} only.
 *
 * <pre>{@code
 * approval = new ApprovalProcess(subject, policy);
 * if (!approval.await().approved()) { return ...; }
 *
 * public void validateDecision(ApprovalDecision d) { approval.validate(d, revision); }
 * public ApprovalResult decide(ApprovalDecision d) { revision++; return approval.apply(d, revision); }
 * }</pre>
 */
public final class ApprovalProcess {

    /** The failure type of a decision refused inside the update handler (after the validator let it through). */
    public static final String REFUSED = "APPROVAL_REFUSED";

    static final String EXPIRED_BY = "system:approval-deadline";

    private static final ActivityOptions INBOX = ActivityOptions.newBuilder()
            .setTaskQueue(ApprovalActivities.TASK_QUEUE)
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .build())
            .build();

    private final ApprovalSubject subject;
    private final ApprovalPolicy policy;
    private final int approvalsNeeded;
    private final long openingRevision;
    private final ApprovalActivities activities;
    private final List<RecordedDecision> decisions = new ArrayList<>();
    private ApprovalOutcome outcome;
    private boolean opened;
    private int recordingsInFlight;
    private String cancelledBy;
    private String cancelReason;

    public ApprovalProcess(ApprovalSubject subject, ApprovalPolicy policy) {
        this(subject, policy, 0);
    }

    /** {@code revision}: the host's revision when the request is opened (the first decision must name it). */
    public ApprovalProcess(ApprovalSubject subject, ApprovalPolicy policy, long revision) {
        this.openingRevision = revision;
        this.subject = Objects.requireNonNull(subject, "subject");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.approvalsNeeded = ApprovalRules.approvalsNeeded(policy, subject.amountMsat());
        this.activities = Workflow.newActivityStub(ApprovalActivities.class, INBOX);
        if (approvalsNeeded == 0) {
            outcome = ApprovalOutcome.AUTO_APPROVED;
        }
    }

    /**
     * Waits for the outcome: at once {@code AUTO_APPROVED} below the limit (no inbox row); otherwise opens the inbox
     * row, reminds the approvers at {@code remindAfter} and expires at {@code deadline}. Returns once every decision
     * has been written down.
     */
    public ApprovalOutcome await() {
        if (outcome == ApprovalOutcome.AUTO_APPROVED) {
            return outcome;
        }
        // opened even when withdrawn or decided before this call, so the inbox and the audit log show it
        Instant openedAt = Instant.ofEpochMilli(Workflow.currentTimeMillis());
        Instant deadlineAt = openedAt.plus(policy.deadline());
        boolean reminds = remindsBeforeDeadline();
        activities.open(new ApprovalOpening(
                subject,
                policy.approverRole(),
                openingRevision,
                approvalsNeeded,
                openedAt,
                reminds ? openedAt.plus(policy.remindAfter()) : null,
                deadlineAt));
        opened = true;
        if (reminds && !Workflow.await(policy.remindAfter(), this::decided)) {
            activities.remind(new ApprovalReminder(subject, policy.approverRole(), openedAt, deadlineAt));
        }
        Duration left = Duration.between(now(), deadlineAt);
        if (!decided() && (!left.isPositive() || !Workflow.await(left, this::decided))) {
            outcome = ApprovalOutcome.EXPIRED;
            activities.close(new ApprovalClosing(subject, outcome, EXPIRED_BY, "undecided at the deadline", now()));
        }
        if (outcome == ApprovalOutcome.CANCELLED) {
            activities.close(new ApprovalClosing(subject, outcome, cancelledBy, cancelReason, now()));
        }
        Workflow.await(() -> recordingsInFlight == 0);
        return outcome;
    }

    /** For the host's {@code @UpdateValidatorMethod}: throws {@link IllegalArgumentException} with the rule. */
    public void validate(ApprovalDecision decision, long currentRevision) {
        Optional<String> refusal = ApprovalRules.refusal(state(currentRevision), decision);
        if (refusal.isPresent()) {
            throw new IllegalArgumentException(refusal.get());
        }
    }

    /**
     * For the host's update handler, after the validator passed: takes the decision, writes it down (decision row,
     * inbox row and audit entry in one transaction) and returns what it did. {@code newRevision} is the host's
     * revision after the decision.
     */
    public ApprovalResult apply(ApprovalDecision decision, long newRevision) {
        // the validator checked the revision against the host's; the rest may be checked again here
        Optional<String> refusal = ApprovalRules.refusal(state(decision.revision()), decision);
        if (refusal.isPresent()) {
            throw ApplicationFailure.newNonRetryableFailure(refusal.get(), REFUSED);
        }
        RecordedDecision recorded = new RecordedDecision(
                decision.decidedBy().strip(),
                decision.verdict(),
                decision.reason() == null || decision.reason().isBlank()
                        ? null
                        : decision.reason().strip(),
                decision.revision(),
                now());
        decisions.add(recorded);
        outcome = ApprovalRules.outcome(approvalsNeeded, decisions);
        int given = ApprovalRules.approvalsGiven(decisions);
        int stillNeeded = outcome == null ? approvalsNeeded - given : 0;
        recordingsInFlight++;
        try {
            // a decision may come while the inbox row is being opened; it is written down after that
            Workflow.await(() -> opened);
            activities.record(
                    new ApprovalRecording(subject, decision, recorded, newRevision, approvalsNeeded, given, outcome));
        } finally {
            recordingsInFlight--;
        }
        return new ApprovalResult(newRevision, outcome, stillNeeded);
    }

    /**
     * Withdraws the request while it awaits a decision (from the host's signal or update); the inbox row is closed
     * by {@link #await()}. False when it was decided already.
     */
    public boolean cancel(String by, String reason) {
        if (outcome != null) {
            return false;
        }
        cancelledBy = Objects.requireNonNull(by, "by");
        cancelReason = reason;
        outcome = ApprovalOutcome.CANCELLED;
        return true;
    }

    /** The decisions taken so far, oldest first (for the host's query and timeline). */
    public List<RecordedDecision> decisions() {
        return List.copyOf(decisions);
    }

    /** Null while awaiting a decision. */
    public ApprovalOutcome outcome() {
        return outcome;
    }

    public int approvalsNeeded() {
        return approvalsNeeded;
    }

    public ApprovalSubject subject() {
        return subject;
    }

    private ApprovalRequestState state(long currentRevision) {
        return new ApprovalRequestState(subject, policy, decisions, currentRevision, outcome == null);
    }

    private boolean decided() {
        return outcome != null;
    }

    private boolean remindsBeforeDeadline() {
        return policy.remindAfter().isPositive() && policy.remindAfter().compareTo(policy.deadline()) < 0;
    }

    private static Instant now() {
        return Instant.ofEpochMilli(Workflow.currentTimeMillis());
    }
}
