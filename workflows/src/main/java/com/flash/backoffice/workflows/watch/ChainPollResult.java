package com.flash.backoffice.workflows.watch;

/**
 * What one chain poll did. {@code leader} false: another instance holds the lease and this one did nothing.
 * {@code height} is the cursor's height afterwards.
 */
public record ChainPollResult(
        boolean leader, int blocksProcessed, int reorgs, int paymentsSeen, int signalsSent, long height) {

    static ChainPollResult notLeader() {
        return new ChainPollResult(false, 0, 0, 0, 0, -1);
    }
}
