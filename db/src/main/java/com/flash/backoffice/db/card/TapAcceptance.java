package com.flash.backoffice.db.card;

/** What a tap got: a single-use {@code k1} for the withdrawal that follows, or a refusal with its log row. */
public sealed interface TapAcceptance {

    long tapId();

    record Accepted(long tapId, String k1) implements TapAcceptance {}

    record Refused(long tapId, TapRefusal refusal) implements TapAcceptance {}
}
