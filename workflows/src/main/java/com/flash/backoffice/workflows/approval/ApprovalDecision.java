package com.flash.backoffice.workflows.approval;

import java.util.Objects;
import java.util.Set;

/**
 * A person's decision on a request, as the portal or the API hands it to the requester's workflow.
 *
 * @param decidedBy the staff user name (or API key owner) deciding
 * @param roles that person's roles at the time of the decision (e.g. {@code FINANCE})
 * @param reason required to reject; optional to approve
 * @param revision the request's revision the person saw; a decision on an older revision is refused
 */
public record ApprovalDecision(
        String decidedBy, Set<String> roles, ApprovalVerdict verdict, String reason, long revision) {

    public ApprovalDecision {
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(verdict, "verdict");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }
}
