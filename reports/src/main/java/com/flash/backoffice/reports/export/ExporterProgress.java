package com.flash.backoffice.reports.export;

import java.util.function.LongConsumer;

/** Tells a listener the rows written so far every {@value #EVERY} rows and once at the end. */
record ExporterProgress(LongConsumer listener) {

    static final int EVERY = 1_000;

    void row(long written) {
        if (written % EVERY == 0) {
            listener.accept(written);
        }
    }

    void done(long written) {
        listener.accept(written);
    }
}
