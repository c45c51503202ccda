package com.flash.backoffice.db.ledger;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A double-entry posting. {@code sourceKey} names the business event (e.g. {@code invoice:abc:settled}) and
 * makes posting idempotent: the same key is booked at most once.
 */
public record JournalEntry(String sourceKey, String description, Instant bookedAt, List<JournalLine> lines) {

    public JournalEntry {
        Objects.requireNonNull(sourceKey, "sourceKey");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(bookedAt, "bookedAt");
        lines = List.copyOf(lines);
    }
}
