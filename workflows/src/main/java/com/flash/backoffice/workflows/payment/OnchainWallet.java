package com.flash.backoffice.workflows.payment;

import java.util.List;
import java.util.Optional;

/**
 * The port to Flash's own on-chain wallet (LND's): batched sends, each exactly once under its label. Adapters:
 * {@link LndOnchainWallet} (lightningj) and {@link SimulatedOnchainWallet} (development only).
 */
public interface OnchainWallet {

    /** LND keeps at most this many characters of a transaction label. */
    int MAX_LABEL_LENGTH = 500;

    /**
     * Pays every output in one transaction labelled {@code label}, with a fee rate for confirmation within
     * {@code targetConf} blocks, unless the wallet already has a transaction with that label: then that one is
     * returned and nothing is sent. Bad input ({@link IllegalArgumentException}) sends nothing.
     */
    OnchainTransaction sendBatch(String label, List<OnchainOutput> outputs, int targetConf);

    /**
     * The network fee, in satoshi, the wallet would pay for these outputs confirmed within {@code targetConf}
     * blocks; sends nothing.
     */
    long estimateFeeSat(List<OnchainOutput> outputs, int targetConf);

    /** The wallet's transaction labelled {@code label} (the first one, should there be more); empty if none. */
    Optional<OnchainTransaction> findByLabel(String label);

    /** The wallet's transaction {@code txid}; empty when the wallet does not know it. */
    Optional<OnchainTransaction> transaction(String txid);

    /**
     * The confirmations the wallet counts for {@code txid}: 0 while unconfirmed. Throws
     * {@link OnchainWalletException} for a transaction the wallet does not know.
     */
    default int confirmations(String txid) {
        return transaction(txid)
                .orElseThrow(() -> new OnchainWalletException("the wallet has no transaction " + txid, null))
                .confirmations();
    }

    /** Refuses a batch that cannot be sent as it is, with the reason; sends nothing. */
    static void check(String label, List<OnchainOutput> outputs, int targetConf) {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("a batch needs a label (its business id) to be sent exactly once");
        }
        if (label.length() > MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException(
                    "the label has " + label.length() + " characters, LND keeps at most " + MAX_LABEL_LENGTH);
        }
        if (outputs == null || outputs.isEmpty()) {
            throw new IllegalArgumentException("batch " + label + " has no outputs");
        }
        long distinct = outputs.stream().map(OnchainOutput::address).distinct().count();
        if (distinct != outputs.size()) {
            throw new IllegalArgumentException("batch " + label
                    + " pays an address twice; LND's SendMany takes each address once (add the amounts)");
        }
        if (targetConf < 1) {
            throw new IllegalArgumentException("targetConf must be at least 1 block: " + targetConf);
        }
    }
}
