package com.flash.backoffice.workflows.merchant;

import com.flash.backoffice.db.merchant.MerchantChangeStatus;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalNotes;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalProcess;
import com.flash.backoffice.workflows.approval.ApprovalResult;
import com.flash.backoffice.workflows.approval.ApprovalSubject;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.flash.backoffice.workflows.approval.RecordedDecision;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.stream.Collectors;

/** Reads as the change's script: record it, await a second person's approval, apply it or close it. */
public class MerchantChangeWorkflowImpl implements MerchantChangeWorkflow {

    private static final ActivityOptions WRITE_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .build())
            .build();

    private final MerchantChangeActivities activities =
            Workflow.newActivityStub(MerchantChangeActivities.class, WRITE_OPTIONS);

    private MerchantChangeRequest request;
    private ApprovalProcess approval;
    private long revision;
    private MerchantChangeStatus status = MerchantChangeStatus.PENDING;

    @Override
    public MerchantChangeSnapshot run(MerchantChangeRequest request) {
        this.request = request;
        approval = new ApprovalProcess(subject(request), request.policy());
        activities.record(request);
        ApprovalOutcome outcome = approval.await();
        if (outcome.approved()) {
            status = activities.apply(request.changeId(), approvedNote());
        } else {
            status = switch (outcome) {
                case REJECTED -> MerchantChangeStatus.REJECTED;
                case EXPIRED -> MerchantChangeStatus.EXPIRED;
                default -> MerchantChangeStatus.WITHDRAWN;
            };
            activities.close(request.changeId(), status, ApprovalNotes.notApproved(approval));
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        return snapshot();
    }

    @Override
    public void validateDecision(ApprovalDecision decision) {
        if (approval == null || approval.outcome() != null) {
            throw new IllegalArgumentException("This change is not awaiting a decision.");
        }
        approval.validate(decision, revision);
    }

    @Override
    public ApprovalResult decide(ApprovalDecision decision) {
        revision++;
        return approval.apply(decision, revision);
    }

    @Override
    public void withdraw(String by) {
        if (approval != null) {
            approval.cancel(by, "Withdrawn by " + by);
        }
    }

    @Override
    public MerchantChangeSnapshot snapshot() {
        return new MerchantChangeSnapshot(
                request == null ? null : request.changeId(),
                status,
                approval == null ? null : approval.outcome(),
                revision);
    }

    private String approvedNote() {
        String approvers = approval.decisions().stream()
                .filter(decision -> decision.verdict() == ApprovalVerdict.APPROVE)
                .map(RecordedDecision::decidedBy)
                .collect(Collectors.joining(", "));
        return ApprovalNotes.clip("Requested by " + request.requestedBy() + ", approved by " + approvers);
    }

    private static ApprovalSubject subject(MerchantChangeRequest request) {
        String summary = "Change of " + String.join(", ", request.before().changesTo(request.after()))
                + summaryOfDestination(request);
        return new ApprovalSubject(
                ApprovalKind.MERCHANT_KEY_CHANGE,
                MerchantChangeWorkflow.subjectId(request.changeId()),
                MerchantChangeWorkflow.workflowId(request.merchantId()),
                request.merchantId(),
                0,
                request.requestedBy(),
                ApprovalNotes.clip(summary));
    }

    private static String summaryOfDestination(MerchantChangeRequest request) {
        String destination = request.after().payoutDestination();
        if (destination == null || destination.equals(request.before().payoutDestination())) {
            return "";
        }
        return ": payouts to " + destination;
    }
}
