package com.flash.backoffice.portal.settlement;

import java.util.Map;

/** What pause, resume, trigger now or backfill did: the message to show, and field messages when refused. */
public record SettlementAction(boolean done, String message, Map<SettlementField, String> errors) {

    public SettlementAction {
        errors = Map.copyOf(errors);
    }

    static SettlementAction done(String message) {
        return new SettlementAction(true, message, Map.of());
    }

    static SettlementAction refused(String message) {
        return new SettlementAction(false, message, Map.of());
    }

    static SettlementAction invalid(Map<SettlementField, String> errors) {
        return new SettlementAction(false, String.join(" ", errors.values()), errors);
    }
}
