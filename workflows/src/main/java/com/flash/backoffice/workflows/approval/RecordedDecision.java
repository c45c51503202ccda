package com.flash.backoffice.workflows.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * A decision the request took, for the host's timeline and the rules.
 *
 * @param revision the revision the decision was made on
 * @param decidedAt workflow time
 */
public record RecordedDecision(
        String decidedBy, ApprovalVerdict verdict, String reason, long revision, Instant decidedAt) {

    public RecordedDecision {
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
