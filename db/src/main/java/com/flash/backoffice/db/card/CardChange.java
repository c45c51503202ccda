package com.flash.backoffice.db.card;

import java.util.List;

/**
 * One change of a card's state at {@code revision} (the card's revision after it), by a person ({@code audited}) or
 * the card's workflow. Written once: a retry of the same revision is a no-op.
 */
public record CardChange(
        String cardId,
        int revision,
        CardState from,
        CardState to,
        String actor,
        List<String> actorRoles,
        boolean audited,
        CardReason reason,
        String note) {}
