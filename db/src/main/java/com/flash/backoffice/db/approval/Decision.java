package com.flash.backoffice.db.approval;

import java.time.Instant;

/** A stored decision. */
public record Decision(
        long id,
        String subjectId,
        String decidedBy,
        Verdict verdict,
        String reason,
        long revision,
        Instant decidedAt) {}
