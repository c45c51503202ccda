package com.flash.backoffice.portal.settlement;

import com.flash.backoffice.db.settlement.SettlementSchedule;
import java.util.Map;

/** The saved schedule, or the message for each field that stopped it (nothing written then). */
public record SettlementSaveResult(SettlementSchedule schedule, Map<SettlementField, String> errors) {

    public SettlementSaveResult {
        errors = Map.copyOf(errors);
    }

    static SettlementSaveResult saved(SettlementSchedule schedule) {
        return new SettlementSaveResult(schedule, Map.of());
    }

    static SettlementSaveResult invalid(Map<SettlementField, String> errors) {
        return new SettlementSaveResult(null, errors);
    }

    static SettlementSaveResult invalid(SettlementField field, String message) {
        return invalid(Map.of(field, message));
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
