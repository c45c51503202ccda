package com.flash.backoffice.workflows.refund;

import java.util.List;
import java.util.Objects;

/**
 * A staff or merchant command on a refund, with the revision it was based on.
 *
 * @param by a staff user name or {@code apikey:<keyId>}
 * @param roles the sender's staff roles (empty for an API key); the change is audited under them
 */
public record RefundCommand(String by, List<String> roles, long revision, String note) {

    public RefundCommand {
        Objects.requireNonNull(by, "by");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
