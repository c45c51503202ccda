package com.flash.backoffice.workflows.payment;

/** Where a transaction Flash's wallet sent stands on the node's best chain. */
public enum OnchainSendStatus {
    /** In a block of the best chain. */
    CONFIRMED,
    /** In the node's mempool, not in a block yet (again, after a reorg that returned it). */
    IN_MEMPOOL,
    /**
     * Neither in a block of the best chain nor in the mempool: a reorg replaced it (or its parent) with a
     * conflicting transaction, or the mempool evicted it. LND's wallet still lists it as unconfirmed.
     */
    DROPPED
}
