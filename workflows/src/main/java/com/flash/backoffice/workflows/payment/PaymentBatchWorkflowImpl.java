package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.BatchCustody;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * A hot batch is sent from Flash's wallet in one step; the step finds a batch sent before and never resends. A cold
 * batch is funded as a PSBT, then waits (without limit: the payments' own workflows carry the deadlines people see)
 * for one signed upload that passes the checks, or for FINANCE to abandon it.
 */
public class PaymentBatchWorkflowImpl implements PaymentBatchWorkflow {

    private static final ActivityOptions SEND_OPTIONS = ActivityOptions.newBuilder()
            .setStartToCloseTimeout(Duration.ofMinutes(2))
            .setRetryOptions(RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(2))
                    .setMaximumInterval(Duration.ofMinutes(2))
                    .build())
            .build();

    private final PaymentBatchActivities activities =
            Workflow.newActivityStub(PaymentBatchActivities.class, SEND_OPTIONS);
    private long batchId;
    private boolean awaitingSignature;
    private boolean deciding;
    private BatchOutcome outcome;

    @Override
    public BatchOutcome run(BatchOpening opening) {
        batchId = opening.batchId();
        if (opening.custody() != BatchCustody.COLD) {
            outcome = activities.sendHot(batchId);
            return outcome;
        }
        ColdFunding funding = activities.fundCold(batchId);
        if (!funding.funded()) {
            outcome = new BatchOutcome(batchId, null, 0, funding.detail());
            return outcome;
        }
        awaitingSignature = true;
        Workflow.await(() -> outcome != null);
        Workflow.await(Workflow::isEveryHandlerFinished);
        return outcome;
    }

    @Override
    public BatchOutcome outcome() {
        return outcome;
    }

    @Override
    public boolean awaitingSignature() {
        return awaitingSignature && outcome == null;
    }

    @Override
    public void validateSignature(SignatureUpload upload) {
        requireSigner(upload.by(), upload.roles());
        if (upload.content().length == 0) {
            throw new IllegalArgumentException("Choose the signed PSBT (or the signed transaction) to upload");
        }
    }

    @Override
    public SignatureResult submitSignature(SignatureUpload upload) {
        deciding = true;
        try {
            SignatureResult result = activities.submitSignature(batchId, upload);
            if (result.accepted()) {
                outcome = new BatchOutcome(batchId, result.txid(), result.feeSat(), null);
            }
            return result;
        } finally {
            deciding = false;
        }
    }

    @Override
    public void validateAbandon(BatchAbandon abandon) {
        requireSigner(abandon.by(), abandon.roles());
        if (abandon.reason() == null || abandon.reason().isBlank()) {
            throw new IllegalArgumentException("Say why the batch is abandoned");
        }
    }

    @Override
    public BatchOutcome abandon(BatchAbandon abandon) {
        deciding = true;
        try {
            outcome = activities.abandonCold(batchId, abandon);
            return outcome;
        } finally {
            deciding = false;
        }
    }

    private void requireSigner(String by, java.util.List<String> roles) {
        if (!awaitingSignature || outcome != null) {
            throw new IllegalArgumentException(
                    outcome != null
                            ? "The batch is " + (outcome.sent() ? "broadcast" : "closed") + " already"
                            : "The batch's PSBT is still being built; try again in a moment");
        }
        if (deciding) {
            throw new IllegalArgumentException("Another upload or decision for this batch is being checked; wait");
        }
        if (by == null || by.isBlank() || !roles.contains(SIGNER_ROLE)) {
            throw new IllegalArgumentException("Only FINANCE signs or abandons an on-chain batch");
        }
    }
}
