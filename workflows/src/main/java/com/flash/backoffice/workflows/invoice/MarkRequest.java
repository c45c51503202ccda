package com.flash.backoffice.workflows.invoice;

import java.util.Objects;

/** A staff member (SUPPORT or FINANCE; the portal checks the role and writes the audit log) marks an invoice. */
public record MarkRequest(MarkTarget target, String actor, String reason) {

    public MarkRequest {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(actor, "actor");
    }
}
