package com.flash.backoffice.db.approval;

import java.time.Instant;
import java.util.Objects;

/** A decision to store; (subjectId, decidedBy, revision) names it, so storing it again writes nothing. */
public record NewApprovalDecision(
        String subjectId, String decidedBy, Verdict verdict, String reason, long revision, Instant decidedAt) {

    public NewApprovalDecision {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(decidedAt, "decidedAt");
    }
}
