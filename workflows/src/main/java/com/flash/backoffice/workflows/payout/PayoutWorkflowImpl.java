package com.flash.backoffice.workflows.payout;

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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads as the payout's script: wait for the approval, pay, and park in Failed until staff retry, mark paid or cancel.
 * Every step is stored with the next revision under one lock, so the timeline has each revision once and in order.
 */
public class PayoutWorkflowImpl implements PayoutWorkflow {

    static final String WORKFLOW = "workflow";

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

    private static final Set<PayoutStatus> CANCELLABLE =
            EnumSet.of(PayoutStatus.AWAITING_APPROVAL, PayoutStatus.AWAITING_PAYMENT, PayoutStatus.FAILED);
    private static final Set<PayoutStatus> MARKABLE_PAID =
            EnumSet.of(PayoutStatus.AWAITING_PAYMENT, PayoutStatus.FAILED);

    private final PayoutActivities activities = Workflow.newActivityStub(PayoutActivities.class, SAVE_OPTIONS);
    private final PaymentActivities payments = Workflow.newActivityStub(PaymentActivities.class, PAY_OPTIONS);
    private final WorkflowLock saving = Workflow.newWorkflowLock();

    private PayoutRequest request;
    private ApprovalProcess approval;
    private PayoutStatus status = PayoutStatus.AWAITING_APPROVAL;
    private int revision;
    private int attempts;
    private Long feeMsat;
    private String proof;
    private String failure;
    private String failureDetail;
    private PayoutCommand cancelRequest;
    private PayoutCommand retryRequest;
    private PayoutCommand markPaidRequest;
    private PayoutStep lastStep;

    @Override
    public PayoutSnapshot run(PayoutRequest request) {
        this.request = request;
        approval = new ApprovalProcess(subject(request), request.approvalPolicy());
        activities.announceRequest(request.payoutId());
        ApprovalOutcome outcome = approval.await();
        if (!outcome.approved()) {
            if (cancelRequest != null) {
                move(PayoutStatus.CANCELLED, cancelRequest, cancelledNote(cancelRequest));
            } else {
                move(PayoutStatus.CANCELLED, WORKFLOW, notApprovedNote(outcome));
            }
            return finish();
        }
        move(PayoutStatus.AWAITING_PAYMENT, WORKFLOW, approvedNote(outcome));
        while (true) {
            if (cancelRequest != null) {
                move(PayoutStatus.CANCELLED, cancelRequest, cancelledNote(cancelRequest));
                return finish();
            }
            if (markPaidRequest != null) {
                markPaidNow(markPaidRequest);
                return finish();
            }
            attempts++;
            if (retryRequest != null) {
                move(PayoutStatus.IN_PROGRESS, retryRequest, "Retried: payment attempt " + attempts);
                retryRequest = null;
            } else {
                move(PayoutStatus.IN_PROGRESS, WORKFLOW, "Payment attempt " + attempts);
            }
            PaymentResult result = payments.pay(
                    new PaymentOrder(paymentId(), request.destination(), request.amountMsat(), request.feeLimitMsat()));
            if (result.succeeded()) {
                feeMsat = result.feeMsat();
                proof = result.proof();
                failure = null;
                failureDetail = null;
                move(PayoutStatus.COMPLETED, WORKFLOW, "Paid");
                activities.notifyMerchant(lastStep);
                return finish();
            }
            failure = result.failure().name();
            failureDetail = result.detail() == null
                    ? result.failure().message()
                    : result.failure().message() + ": " + result.detail();
            move(PayoutStatus.FAILED, WORKFLOW, failureDetail);
            activities.notifyMerchant(lastStep);
            Workflow.await(() -> retryRequest != null || cancelRequest != null || markPaidRequest != null);
        }
    }

    // ------------------------------------------------------------------ approval (rules in ApprovalProcess)

    @Override
    public void validateDecision(ApprovalDecision decision) {
        if (approval == null || status != PayoutStatus.AWAITING_APPROVAL) {
            throw new IllegalArgumentException("The payout is " + status + ", not awaiting approval");
        }
        approval.validate(decision, revision);
    }

    @Override
    public ApprovalResult decide(ApprovalDecision decision) {
        saving.lock();
        try {
            revision++;
            ApprovalResult result = approval.apply(decision, revision);
            activities.saveStep(PayoutStep.of(
                    request.payoutId(), revision, status, decision.decidedBy(), decisionNote(decision, result)));
            return result;
        } finally {
            saving.unlock();
        }
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void validateCancel(PayoutCommand command) {
        requireCurrent(command);
        if (!CANCELLABLE.contains(status) || cancelRequest != null) {
            throw refusal(PayoutFailure.INVALID_STATE, "A payout that is " + status + " cannot be cancelled");
        }
    }

    @Override
    public PayoutSnapshot cancel(PayoutCommand command) {
        cancelRequest = command;
        if (status == PayoutStatus.AWAITING_APPROVAL) {
            approval.cancel(command.by(), cancelledNote(command));
        }
        Workflow.await(() -> status == PayoutStatus.CANCELLED);
        return snapshot();
    }

    @Override
    public void validateRetry(PayoutCommand command) {
        requireCurrent(command);
        if (status != PayoutStatus.FAILED || retryRequest != null || cancelRequest != null) {
            throw refusal(PayoutFailure.INVALID_STATE, "Only a failed payout can be retried; this one is " + status);
        }
    }

    @Override
    public PayoutSnapshot retry(PayoutCommand command) {
        retryRequest = command;
        int before = attempts;
        Workflow.await(() -> attempts > before);
        return snapshot();
    }

    @Override
    public void validateMarkPaid(PayoutCommand command) {
        requireCurrent(command);
        if (!MARKABLE_PAID.contains(status) || markPaidRequest != null || cancelRequest != null) {
            throw refusal(
                    PayoutFailure.INVALID_STATE,
                    "Only a payout awaiting payment or failed can be marked paid; this one is " + status);
        }
    }

    @Override
    public PayoutSnapshot markPaid(PayoutCommand command) {
        markPaidRequest = command;
        Workflow.await(() -> status == PayoutStatus.COMPLETED);
        return snapshot();
    }

    @Override
    public PayoutSnapshot snapshot() {
        return new PayoutSnapshot(
                request == null ? null : request.payoutId(),
                status,
                revision,
                attempts,
                feeMsat,
                proof,
                failure,
                failureDetail);
    }

    // ------------------------------------------------------------------ steps

    private void markPaidNow(PayoutCommand command) {
        proof = command.note() == null || command.note().isBlank()
                ? null
                : command.note().strip();
        feeMsat = 0L;
        move(PayoutStatus.COMPLETED, command, proof == null ? "Marked paid" : "Marked paid: " + proof);
    }

    private void move(PayoutStatus next, String actor, String note) {
        move(next, actor, false, List.of(), note);
    }

    private void move(PayoutStatus next, PayoutCommand command, String note) {
        move(next, command.by(), true, command.roles(), note);
    }

    private void move(PayoutStatus next, String actor, boolean audited, List<String> roles, String note) {
        saving.lock();
        try {
            revision++;
            status = next;
            boolean failed = next == PayoutStatus.FAILED;
            lastStep = new PayoutStep(
                    request.payoutId(),
                    revision,
                    next,
                    actor,
                    audited,
                    roles,
                    note,
                    failed ? failure : null,
                    failed ? failureDetail : null,
                    next == PayoutStatus.COMPLETED ? feeMsat : null,
                    next == PayoutStatus.COMPLETED ? proof : null);
            activities.saveStep(lastStep);
        } finally {
            saving.unlock();
        }
    }

    private PayoutSnapshot finish() {
        Workflow.await(Workflow::isEveryHandlerFinished);
        return snapshot();
    }

    /** The first attempt pays under the payout's id; a retry after a final failure is a new payment. */
    private String paymentId() {
        return attempts == 1
                ? PayoutWorkflow.workflowId(request.payoutId())
                : PayoutWorkflow.workflowId(request.payoutId()) + "-attempt-" + attempts;
    }

    private void requireCurrent(PayoutCommand command) {
        requireCurrent(command.revision());
    }

    private void requireCurrent(long seen) {
        if (seen != revision) {
            throw refusal(
                    PayoutFailure.OLD_REVISION,
                    "The payout changed (revision " + revision + ", not " + seen + "); reload it");
        }
    }

    private static ApplicationFailure refusal(PayoutFailure type, String message) {
        return PayoutRefusals.refusal(type, message);
    }

    private static ApprovalSubject subject(PayoutRequest request) {
        String id = PayoutWorkflow.workflowId(request.payoutId());
        return new ApprovalSubject(
                ApprovalKind.PAYOUT,
                id,
                id,
                request.merchantId(),
                request.amountMsat(),
                request.requestedBy(),
                "Payout to " + abbreviated(request.destination()));
    }

    private static String abbreviated(String destination) {
        return destination.length() <= 40 ? destination : destination.substring(0, 37) + "...";
    }

    private static String approvedNote(ApprovalOutcome outcome) {
        return outcome == ApprovalOutcome.AUTO_APPROVED
                ? "Approved automatically (below the merchant's auto-approve limit)"
                : "Approved";
    }

    private static String notApprovedNote(ApprovalOutcome outcome) {
        return switch (outcome) {
            case REJECTED -> "Rejected; reservation released";
            case EXPIRED -> "Not decided before the deadline; reservation released";
            default -> "Cancelled; reservation released";
        };
    }

    private static String cancelledNote(PayoutCommand command) {
        return command.note() == null || command.note().isBlank()
                ? "Cancelled; reservation released"
                : "Cancelled: " + command.note().strip() + "; reservation released";
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
