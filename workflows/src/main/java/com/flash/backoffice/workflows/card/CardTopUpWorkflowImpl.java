package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.TopUpCredit;
import com.flash.backoffice.db.card.TopUpState;
import com.flash.backoffice.workflows.approval.ApprovalDecision;
import com.flash.backoffice.workflows.approval.ApprovalKind;
import com.flash.backoffice.workflows.approval.ApprovalNotes;
import com.flash.backoffice.workflows.approval.ApprovalOutcome;
import com.flash.backoffice.workflows.approval.ApprovalProcess;
import com.flash.backoffice.workflows.approval.ApprovalResult;
import com.flash.backoffice.workflows.approval.ApprovalSubject;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** Reads as the top-up's script: record it, await the approval (at once below the limit), credit it or cancel it. */
public class CardTopUpWorkflowImpl implements CardTopUpWorkflow {

    private static final ActivityOptions WRITE_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofSeconds(30))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(1))
                    .build())
            .build();

    private final CardTopUpActivities activities = Workflow.newActivityStub(CardTopUpActivities.class, WRITE_OPTIONS);

    private ManualTopUpRequest request;
    private ApprovalProcess approval;
    private long revision;
    private TopUpState state = TopUpState.OPEN;
    private String creditedCardId;

    @Override
    public CardTopUpSnapshot run(ManualTopUpRequest request) {
        this.request = request;
        approval = new ApprovalProcess(subject(request), request.policy());
        activities.record(request);
        ApprovalOutcome outcome = approval.await();
        if (outcome.approved()) {
            TopUpCredit credit = activities.credit(request.topUpId());
            state = credit.state();
            creditedCardId = credit.cardId();
        } else {
            activities.cancel(request.topUpId(), ApprovalNotes.notApproved(approval));
            state = TopUpState.CANCELLED;
        }
        Workflow.await(Workflow::isEveryHandlerFinished);
        return snapshot();
    }

    @Override
    public void validateDecision(ApprovalDecision decision) {
        if (approval == null || approval.outcome() != null) {
            throw new IllegalArgumentException("This top-up is not awaiting a decision.");
        }
        approval.validate(decision, revision);
    }

    @Override
    public ApprovalResult decide(ApprovalDecision decision) {
        revision++;
        return approval.apply(decision, revision);
    }

    @Override
    public CardTopUpSnapshot snapshot() {
        return new CardTopUpSnapshot(
                request == null ? null : request.topUpId(),
                state,
                approval == null ? null : approval.outcome(),
                revision,
                creditedCardId);
    }

    private static ApprovalSubject subject(ManualTopUpRequest request) {
        String id = CardTopUpWorkflow.workflowId(request.topUpId());
        String summary = "Manual top-up of card " + request.cardId() + ": " + request.reason();
        return new ApprovalSubject(
                ApprovalKind.CARD_TOP_UP,
                id,
                id,
                null,
                request.amountMsat(),
                request.requestedBy(),
                ApprovalNotes.clip(summary));
    }
}
