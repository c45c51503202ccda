package com.flash.backoffice.workflows.payment;

import io.temporal.activity.ActivityInterface;

/** The on-chain batcher's steps. Each is idempotent: a retry opens the same batch and never sends a second one. */
@ActivityInterface(namePrefix = "PaymentBatch")
public interface PaymentBatchActivities {

    /** Gathers the waiting on-chain payments into a batch under {@code runKey}; null when none waits. */
    BatchOpening open(String runKey);

    /**
     * Sends a hot batch from Flash's LND wallet in one transaction labelled with the batch, at the configured
     * confirmation target, unless the network fee would exceed the sum of its payments' fee limits or the wallet
     * cannot pay it: then the batch fails with the reason and nothing is sent.
     */
    BatchOutcome sendHot(long batchId);

    /**
     * Builds a cold batch's unsigned PSBT from the treasury key and stores it for FINANCE to download; a batch funded
     * before returns its stored PSBT. A fee above the payments' limits or a treasury that cannot cover the batch fails
     * it with the reason (its inputs released).
     */
    ColdFunding fundCold(long batchId);

    /**
     * Checks a signed upload against the batch's PSBT and its approved outputs, and broadcasts it once. A refused
     * upload changes nothing but the batch's note of the last refusal.
     */
    SignatureResult submitSignature(long batchId, SignatureUpload upload);

    /** Fails a cold batch that was never broadcast and releases its treasury coins; a sent batch stays sent. */
    BatchOutcome abandonCold(long batchId, BatchAbandon abandon);
}
