package com.flash.backoffice.db.settlement;

/** Where a period's run stands. */
public enum SettlementRunStatus {
    /**
     * Claimed before the payout is asked for: an attempt that ends here (a crash) may have created it; the retry finds
     * it as the open payout to the same destination.
     */
    REQUESTING,
    /** A payout was requested; {@code payoutId} names it. Final. */
    REQUESTED,
    /** No payout; {@code skipReason} says why. Final. */
    SKIPPED;

    public boolean done() {
        return this != REQUESTING;
    }
}
