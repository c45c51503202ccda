package com.flash.backoffice.db.payment;

import java.time.Instant;

/**
 * An on-chain batch: the payments one batcher run gathered, paid in one transaction labelled {@link #label()}.
 *
 * @param funding what the cold treasury's FundPsbt returned (JSON, owned by the workflows' payment feature); null
 *     for hot batches and until funded
 * @param txid the transaction, once broadcast
 * @param feeSat the network fee of the whole transaction, once broadcast
 * @param detail why the batch failed, or the last refused upload
 * @param signedBy who uploaded the signed PSBT of a cold batch
 */
public record PaymentBatch(
        long batchId,
        String runKey,
        BatchCustody custody,
        BatchStatus status,
        int targetConf,
        String funding,
        String txid,
        Long feeSat,
        String detail,
        String signedBy,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * The wallet label of the batch's transaction, by which a retry finds it instead of sending again. It carries
     * the run key (the batcher's run id) besides the batch id: an id alone repeats after a database restore, or
     * in a second database on the same node, and would find another batch's transaction.
     */
    public String label() {
        return "payment-batch-" + batchId + "-" + runKey;
    }
}
