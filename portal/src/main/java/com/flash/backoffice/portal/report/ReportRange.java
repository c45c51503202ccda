package com.flash.backoffice.portal.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A period {@code [from, to)}: from inclusive, to exclusive, as the reports module reads it. */
public record ReportRange(Instant from, Instant to) {

    public ReportRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("a period ends after it starts: [" + from + ", " + to + ")");
        }
    }

    public Duration length() {
        return Duration.between(from, to);
    }
}
