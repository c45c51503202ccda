package com.flash.backoffice.db.payment;

import java.util.Objects;

/**
 * What sending a batch came to: its transaction, or why nothing was sent.
 *
 * @param signedBy who uploaded the signature (cold batches); null for Flash's hot wallet
 */
public record BatchSendResult(String txid, Long feeSat, String signedBy, String failure) {

    public BatchSendResult {
        if ((txid == null) == (failure == null)) {
            throw new IllegalArgumentException("a batch is either sent (txid and fee) or not (failure)");
        }
        if (txid != null) {
            Objects.requireNonNull(feeSat, "feeSat");
        }
    }

    public static BatchSendResult sent(String txid, long feeSat, String signedBy) {
        return new BatchSendResult(txid, feeSat, signedBy, null);
    }

    public static BatchSendResult notSent(String failure) {
        return new BatchSendResult(null, null, null, failure);
    }
}
