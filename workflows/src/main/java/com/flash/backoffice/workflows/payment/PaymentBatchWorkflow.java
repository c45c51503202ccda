package com.flash.backoffice.workflows.payment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One on-chain batch, from opened to sent (or not sent, with why). Its payments follow it from the database. A cold
 * batch waits for FINANCE's signed upload; the rules for who may upload or abandon it live here, in the validators,
 * so no page or route can skip them.
 */
@WorkflowInterface
public interface PaymentBatchWorkflow {

    /** The staff role that signs and abandons cold batches. */
    String SIGNER_ROLE = "FINANCE";

    static String workflowId(long batchId) {
        return "payment-batch-" + batchId;
    }

    @WorkflowMethod
    BatchOutcome run(BatchOpening opening);

    /** Null until the batch is sent or failed. */
    @QueryMethod
    BatchOutcome outcome();

    /** True while a cold batch's PSBT is built and no good upload has arrived. */
    @QueryMethod
    boolean awaitingSignature();

    @UpdateValidatorMethod(updateName = "submitSignature")
    void validateSignature(SignatureUpload upload);

    /** Checks the signed upload and broadcasts it; a refused upload leaves the batch waiting for a good one. */
    @UpdateMethod
    SignatureResult submitSignature(SignatureUpload upload);

    @UpdateValidatorMethod(updateName = "abandon")
    void validateAbandon(BatchAbandon abandon);

    /** Gives up on an unsigned cold batch: its payments fail with the reason and its treasury coins are released. */
    @UpdateMethod
    BatchOutcome abandon(BatchAbandon abandon);
}
