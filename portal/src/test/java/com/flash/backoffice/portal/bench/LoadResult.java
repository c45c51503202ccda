package com.flash.backoffice.portal.bench;

import java.util.Arrays;

/** What a load run measured: operations, wall time and each operation's latency. */
record LoadResult(int operations, long wallNanos, long[] latencyNanos) {

    static LoadResult of(long wallNanos, long[] latencyNanos) {
        long[] sorted = latencyNanos.clone();
        Arrays.sort(sorted);
        return new LoadResult(sorted.length, wallNanos, sorted);
    }

    double perSecond() {
        return operations / (wallNanos / 1e9);
    }

    double percentileMillis(double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * operations) - 1;
        return latencyNanos[Math.clamp(index, 0, operations - 1)] / 1e6;
    }

    String summary() {
        return String.format(
                "%,d in %.2f s: %,.0f/s, p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                operations,
                wallNanos / 1e9,
                perSecond(),
                percentileMillis(50),
                percentileMillis(99),
                latencyNanos[operations - 1] / 1e6);
    }
}
