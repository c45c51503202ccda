package com.flash.backoffice.workflows.bitcoin;

import java.util.List;
import java.util.Objects;

/**
 * A transaction's outputs and whether it signals replaceability (BIP125: an input's nSequence below
 * 0xfffffffe). {@code blockHash} is null while it is in the mempool, and {@code confirmations} is then 0.
 */
public record ChainTransaction(
        String txid, List<ChainOutput> outputs, boolean rbf, String blockHash, long confirmations) {

    /** BIP125: any input with an nSequence below this signals that the transaction may be replaced. */
    public static final long RBF_SEQUENCE_LIMIT = 0xfffffffeL;

    public ChainTransaction {
        Objects.requireNonNull(txid, "txid");
        outputs = List.copyOf(outputs);
        if (confirmations < 0) {
            throw new IllegalArgumentException("confirmations cannot be negative: " + confirmations);
        }
    }

    public boolean inMempool() {
        return blockHash == null;
    }

    public ChainTransaction inBlock(String hash, long confirmationCount) {
        return new ChainTransaction(txid, outputs, rbf, hash, confirmationCount);
    }

    public static boolean signalsRbf(long sequence) {
        return sequence < RBF_SEQUENCE_LIMIT;
    }
}
