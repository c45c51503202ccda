package com.flash.backoffice.db.ledger;

import java.time.Instant;
import java.util.List;

/** A posted journal entry as stored, with its lines in order. */
public record PostedEntry(String sourceKey, String description, Instant bookedAt, List<JournalLine> lines) {

    public PostedEntry {
        lines = List.copyOf(lines);
    }
}
