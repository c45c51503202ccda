package com.flash.backoffice.workflows.refund;

import com.flash.backoffice.db.refund.RefundReservation;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalProcess;
import com.flash.backoffice.workflows.approval.ApprovalResult;
import com.flash.backoffice.workflows.approval.ApprovalSubject;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.payment.PaymentActivities;
import com.flash.backoffice.workflows.payment.PaymentOrder;
import com.flash.backoffice.workflows.payment.PaymentResult;
import com.flash.backoffice.workflows.payment.PaymentWorker;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * Reads as the refund's script: approval, reservation, the wait for a claim until it expires, the payment. A failed
 * payment returns the refund to its claim (with a fresh k1), so the customer can try another wallet before the expiry.
 * Every step is stored with the next revision under one lock.
 */
public class RefundWorkflowImpl implements RefundWorkflow {

    static final String WORKFLOW = "workflow";
    static final Set<String> CLAIMING_ROLES = Set.of("SUPPORT", "FINANCE");

    private static final ActivityOptions SAVE_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .build())
            .build();

    /** The payment activity never sends twice, so retrying it (after a worker died, say) is always safe. */
    private static final ActivityOptions PAY_OPTIONS = PaymentWorker.activityOptions().toBuilder()
            .setTaskQueue(PaymentActivities.TASK_QUEUE)
            .build();

    private final RefundActivities activities = Workflow.newActivityStub(RefundActivities.class, SAVE_OPTIONS);
    private final PaymentActivities payments = Workflow.newActivityStub(PaymentActivities.class, PAY_OPTIONS);
    private final WorkflowLock saving = Workflow.newWorkflowLock();

    private RefundRequest request;
    private ApprovalProcess approval;
    private RefundState state = RefundState.AWAITING_APPROVAL;
    private int revision;
    /** The last revision whose step is in MariaDB: an update answers only once its outcome can be read back. */
    private int savedRevision;

    private int attempts;
    private long amountMsat;
    private long claimDeadline;
    private Long feeMsat;
    private String proof;
    private String failureDetail;
    private RefundClaim claim;
    private RefundCommand cancelRequest;

    @Override
    public RefundSnapshot run(RefundRequest request) {
        this.request = request;
        this.amountMsat = request.amountMsat();
        approval = new ApprovalProcess(subject(request), request.approvalPolicy());
        activities.announceRequest(request.refundId());
        ApprovalOutcome outcome = approval.await();
        if (!outcome.approved()) {
            if (cancelRequest != null) {
                move(RefundState.CANCELLED, cancelRequest, cancelledNote(cancelRequest));
            } else {
                move(RefundState.CANCELLED, WORKFLOW, notApprovedNote(outcome));
            }
            return finish();
        }
        if (!reserve(outcome)) {
            return finish();
        }
        if (request.destination() != null) {
            claim = new RefundClaim(request.requestedBy(), List.of(), request.destination());
        } else {
            activities.mailClaimLink(request.refundId());
        }
        while (true) {
            Duration left = Duration.ofMillis(claimDeadline - Workflow.currentTimeMillis());
            boolean claimed = left.isPositive() && Workflow.await(left, () -> claim != null || cancelRequest != null);
            if (cancelRequest != null) {
                move(RefundState.CANCELLED, cancelRequest, cancelledNote(cancelRequest));
                return finish();
            }
            if (!claimed) {
                move(RefundState.EXPIRED, WORKFLOW, "Not claimed before the claim expired; reservation released");
                return finish();
            }
            attempts++;
            RefundClaim paying = claim;
            saveStep(
                    RefundState.IN_PROGRESS,
                    paying.by(),
                    !paying.byCustomer() && !paying.roles().isEmpty(),
                    paying.roles(),
                    claimNote(paying),
                    paying.destination());
            PaymentResult result = payments.pay(
                    new PaymentOrder(paymentId(), paying.destination(), amountMsat, request.feeLimitMsat()));
            if (result.succeeded()) {
                feeMsat = result.feeMsat();
                proof = result.proof();
                failureDetail = null;
                move(RefundState.COMPLETED, WORKFLOW, "Paid");
                activities.announceRefunded(request.refundId());
                return finish();
            }
            failureDetail = result.detail() == null
                    ? result.failure().message()
                    : result.failure().message() + ": " + result.detail();
            claim = null;
            move(
                    RefundState.AWAITING_CLAIM,
                    WORKFLOW,
                    "Payment failed (" + failureDetail + "); the refund can be claimed again until it expires");
        }
    }

    // ------------------------------------------------------------------ approval (rules in ApprovalProcess)

    @Override
    public void validateDecision(ApprovalDecision decision) {
        if (approval == null || state != RefundState.AWAITING_APPROVAL) {
            throw new IllegalArgumentException("The refund is " + state + ", not awaiting approval");
        }
        approval.validate(decision, revision);
    }

    @Override
    public ApprovalResult decide(ApprovalDecision decision) {
        saving.lock();
        try {
            revision++;
            ApprovalResult result = approval.apply(decision, revision);
            activities.saveStep(new RefundStep(
                    request.refundId(),
                    revision,
                    state,
                    decision.decidedBy(),
                    false,
                    List.of(),
                    decisionNote(decision, result),
                    null,
                    attempts,
                    null,
                    null,
                    null));
            return result;
        } finally {
            saving.unlock();
        }
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void validateClaim(RefundClaim claim) {
        if (state != RefundState.AWAITING_CLAIM || this.claim != null || cancelRequest != null) {
            throw refusal(RefundFailure.INVALID_STATE, "The refund is " + state + "; it cannot be claimed now");
        }
        if (Workflow.currentTimeMillis() >= claimDeadline) {
            throw refusal(RefundFailure.CLAIM_EXPIRED, "The claim expired");
        }
        if (!claim.byCustomer() && claim.roles().stream().noneMatch(CLAIMING_ROLES::contains)) {
            throw refusal(RefundFailure.NOT_ALLOWED, "Only SUPPORT or FINANCE can enter a refund's destination");
        }
        if (claim.destination().isBlank()) {
            throw refusal(RefundFailure.INVALID_STATE, "A claim needs a destination");
        }
    }

    @Override
    public RefundSnapshot claim(RefundClaim claim) {
        this.claim = claim;
        int before = attempts;
        Workflow.await(() -> (attempts > before || state.isFinal()) && savedRevision == revision);
        return snapshot();
    }

    @Override
    public void validateCancel(RefundCommand command) {
        if (command.revision() != revision) {
            throw refusal(
                    RefundFailure.OLD_REVISION,
                    "The refund changed (revision " + revision + ", not " + command.revision() + "); reload it");
        }
        boolean cancellable =
                state == RefundState.AWAITING_APPROVAL || (state == RefundState.AWAITING_CLAIM && claim == null);
        if (!cancellable || cancelRequest != null) {
            throw refusal(RefundFailure.INVALID_STATE, "A refund that is " + state + " cannot be cancelled");
        }
        if (command.roles().stream().noneMatch(CLAIMING_ROLES::contains)
                && !command.by().startsWith("apikey:")) {
            throw refusal(RefundFailure.NOT_ALLOWED, "Only SUPPORT or FINANCE can cancel a refund");
        }
    }

    @Override
    public RefundSnapshot cancel(RefundCommand command) {
        cancelRequest = command;
        if (state == RefundState.AWAITING_APPROVAL) {
            approval.cancel(command.by(), cancelledNote(command));
        }
        Workflow.await(() -> state.isFinal() && savedRevision == revision);
        return snapshot();
    }

    @Override
    public RefundSnapshot snapshot() {
        return new RefundSnapshot(
                request == null ? null : request.refundId(),
                state,
                revision,
                attempts,
                amountMsat,
                feeMsat,
                proof,
                failureDetail,
                claimDeadline);
    }

    // ------------------------------------------------------------------ steps

    private boolean reserve(ApprovalOutcome outcome) {
        saving.lock();
        try {
            revision++;
            claimDeadline = Workflow.currentTimeMillis() + request.claimExpiry().toMillis();
            RefundReservation reservation = activities.reserve(
                    new RefundReservationOrder(request.refundId(), revision, approvedNote(outcome), claimDeadline));
            amountMsat = reservation.amountMsat();
            if (!reservation.reserved()) {
                state = RefundState.CANCELLED;
                failureDetail = reservation.refusal();
                return false;
            }
            state = RefundState.AWAITING_CLAIM;
            return true;
        } finally {
            saving.unlock();
        }
    }

    private void move(RefundState next, String actor, String note) {
        saveStep(next, actor, false, List.of(), note, null);
    }

    private void move(RefundState next, RefundCommand command, String note) {
        saveStep(next, command.by(), true, command.roles(), note, null);
    }

    private void saveStep(
            RefundState next, String actor, boolean audited, List<String> roles, String note, String destination) {
        saving.lock();
        try {
            revision++;
            state = next;
            activities.saveStep(new RefundStep(
                    request.refundId(),
                    revision,
                    next,
                    actor,
                    audited,
                    roles,
                    note,
                    destination,
                    attempts,
                    next == RefundState.COMPLETED ? feeMsat : null,
                    next == RefundState.COMPLETED ? proof : null,
                    next == RefundState.AWAITING_CLAIM ? failureDetail : null));
            savedRevision = revision;
        } finally {
            saving.unlock();
        }
    }

    private RefundSnapshot finish() {
        Workflow.await(Workflow::isEveryHandlerFinished);
        return snapshot();
    }

    /** The first attempt pays under the refund's id; a new claim after a failed payment is a new payment. */
    private String paymentId() {
        String id = RefundWorkflow.workflowId(request.refundId());
        return attempts == 1 ? id : id + "-attempt-" + attempts;
    }

    private static ApplicationFailure refusal(RefundFailure type, String message) {
        return RefundRefusals.refusal(type, message);
    }

    private static ApprovalSubject subject(RefundRequest request) {
        String id = RefundWorkflow.workflowId(request.refundId());
        return new ApprovalSubject(
                ApprovalKind.REFUND,
                id,
                id,
                request.merchantId(),
                request.amountMsat(),
                request.requestedBy(),
                request.summary());
    }

    private static String claimNote(RefundClaim claim) {
        String to = claim.destination().length() <= 40
                ? claim.destination()
                : claim.destination().substring(0, 37) + "...";
        return claim.byCustomer()
                ? "Claimed by the customer (LNURL-withdraw); paying " + to
                : "Destination entered by " + claim.by() + "; paying " + to;
    }

    private static String approvedNote(ApprovalOutcome outcome) {
        return outcome == ApprovalOutcome.AUTO_APPROVED
                ? "Approved by the requester (within SUPPORT's own refund limit)"
                : "Approved";
    }

    private static String notApprovedNote(ApprovalOutcome outcome) {
        return switch (outcome) {
            case REJECTED -> "Rejected";
            case EXPIRED -> "Not decided before the deadline";
            default -> "Cancelled";
        };
    }

    private static String cancelledNote(RefundCommand command) {
        return command.note() == null || command.note().isBlank()
                ? "Cancelled"
                : "Cancelled: " + command.note().strip();
    }

    private static String decisionNote(ApprovalDecision decision, ApprovalResult result) {
        if (decision.verdict() == ApprovalVerdict.REJECT) {
            return "Rejected by " + decision.decidedBy() + ": " + decision.reason();
        }
        return result.approvalsStillNeeded() > 0
                ? "Approved by " + decision.decidedBy() + "; " + result.approvalsStillNeeded() + " more approval needed"
                : "Approved by " + decision.decidedBy();
    }
}
