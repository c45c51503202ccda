package com.flash.backoffice.workflows.approval;

import java.time.Instant;
import java.util.Objects;

/**
 * A request ended undecided: {@link ApprovalOutcome#EXPIRED} at its deadline or {@link ApprovalOutcome#CANCELLED}
 * by {@code by}.
 */
public record ApprovalClosing(ApprovalSubject subject, ApprovalOutcome outcome, String by, String reason, Instant at) {

    public ApprovalClosing {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        if (outcome != ApprovalOutcome.EXPIRED && outcome != ApprovalOutcome.CANCELLED) {
            throw new IllegalArgumentException("a request ends undecided as EXPIRED or CANCELLED, not " + outcome);
        }
    }
}
