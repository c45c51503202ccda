package com.flash.backoffice.workflows.bitcoin;

import java.util.List;

/**
 * The port to a Bitcoin full node: what the chain watcher reads. Adapters: {@link BitcoinRpcNode} (Bitcoin Core's
 * JSON-RPC, also btcd) and {@link SimulatedBitcoinNode} (development only).
 */
public interface BitcoinNode {

    /** Height of the best chain's tip. */
    long blockCount();

    /** Hash of the best chain's block at {@code height}. */
    String blockHash(long height);

    /** The block with every transaction's outputs; stale (orphaned) blocks can be read too while the node has them. */
    ChainBlock block(String hash);

    /**
     * The hash of the block before {@code hash}, also for a stale block (one a reorg took off the best chain): the
     * watcher walks back through those to the fork point.
     */
    String previousBlockHash(String hash);

    List<String> mempoolTransactionIds();

    /** A transaction in the mempool or in a block; throws {@link TransactionNotFoundException} if the node has none. */
    ChainTransaction transaction(String txid);
}
