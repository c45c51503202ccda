package com.flash.backoffice.db.payment;

/** Where an on-chain batch stands; BROADCAST and FAILED are final. */
public enum BatchStatus {
    /** Gathered; nothing is sent yet (or the worker died before it knew). */
    OPEN,
    /** Cold custody: the PSBT is built and waits for FINANCE's signed upload. */
    AWAITING_SIGNATURE,
    /** The transaction is on its way (its txid known); each payment follows its confirmations. */
    BROADCAST,
    /** Nothing was sent; every payment of the batch fails with the detail. */
    FAILED;

    public boolean isFinal() {
        return this == BROADCAST || this == FAILED;
    }
}
