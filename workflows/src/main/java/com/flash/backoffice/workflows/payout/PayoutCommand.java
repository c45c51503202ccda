package com.flash.backoffice.workflows.payout;

import java.util.List;
import java.util.Objects;

/**
 * A staff or merchant command on a payout (cancel, retry, mark paid), with the revision it was based on.
 *
 * @param by who sends it: a staff user name or {@code apikey:<keyId>}
 * @param roles the sender's staff roles (empty for an API key); the change is audited under them
 * @param note the reason (cancel) or the proof of the payment made elsewhere (mark paid)
 */
public record PayoutCommand(String by, List<String> roles, long revision, String note) {

    public PayoutCommand {
        Objects.requireNonNull(by, "by");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
