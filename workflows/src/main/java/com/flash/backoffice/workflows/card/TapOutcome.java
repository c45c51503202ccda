package com.flash.backoffice.workflows.card;

import com.flash.backoffice.db.card.Card;

/** What a tap's {@code p} and {@code c} came to. */
public sealed interface TapOutcome {

    /** A genuine tap of an active card at a new counter: the withdrawal may follow with {@code k1}. */
    record Accepted(Card card, long tapId, String k1) implements TapOutcome {}

    /** A tap refused (logged), with the reason a wallet shows. */
    record Refused(String reason) implements TapOutcome {}

    /** Parameters that are not a Bolt Card's {@code p} and {@code c} at all; nothing is logged against a card. */
    record Malformed(String reason) implements TapOutcome {}
}
