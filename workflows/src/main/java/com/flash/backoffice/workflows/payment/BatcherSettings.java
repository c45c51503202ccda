package com.flash.backoffice.workflows.payment;

import java.time.Duration;

/** How often the batcher runs, and how many runs one history holds before it continues as new. */
public record BatcherSettings(Duration interval, int runsPerHistory) {

    public BatcherSettings {
        if (interval == null || !interval.isPositive() || runsPerHistory < 1) {
            throw new IllegalArgumentException("the batcher needs a positive interval and at least one run");
        }
    }

    public static BatcherSettings every(Duration interval) {
        return new BatcherSettings(interval, 500);
    }
}
