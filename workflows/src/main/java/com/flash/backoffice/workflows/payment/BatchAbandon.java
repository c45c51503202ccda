package com.flash.backoffice.workflows.payment;

import java.util.List;

/** FINANCE gives up on a cold batch that was never signed: its payments fail, and a retry joins a later batch. */
public record BatchAbandon(String by, List<String> roles, String reason) {

    public BatchAbandon {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
