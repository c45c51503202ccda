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
}
