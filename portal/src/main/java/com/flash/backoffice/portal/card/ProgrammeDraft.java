package com.flash.backoffice.portal.card;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A card programme as FINANCE fills it in: limits in satoshis, the days a card has to be activated, and the merchants
 * its cards may pay (empty: any merchant, and any Lightning invoice).
 */
public record ProgrammeDraft(
        String name,
        long perTapLimitSat,
        long dailyLimitSat,
        Long pinLimitSat,
        int activationDays,
        List<String> allowedMerchantIds) {

    public ProgrammeDraft {
        allowedMerchantIds = allowedMerchantIds == null ? List.of() : List.copyOf(allowedMerchantIds);
    }

    /** A programme whose cards pay anywhere. */
    public ProgrammeDraft(String name, long perTapLimitSat, long dailyLimitSat, Long pinLimitSat, int activationDays) {
        this(name, perTapLimitSat, dailyLimitSat, pinLimitSat, activationDays, List.of());
    }

    /** Field messages, by field; empty when the draft can be created. */
    Map<String, String> errors() {
        Map<String, String> errors = new LinkedHashMap<>();
        if (name == null || name.isBlank()) {
            errors.put("name", "Name the programme");
        } else if (name.strip().length() > 120) {
            errors.put("name", "At most 120 characters");
        }
        if (perTapLimitSat < 1) {
            errors.put("perTapLimitSat", "At least 1 sat");
        }
        if (dailyLimitSat < perTapLimitSat) {
            errors.put("dailyLimitSat", "At least the per-payment limit");
        }
        if (pinLimitSat != null && pinLimitSat < 1) {
            errors.put("pinLimitSat", "At least 1 sat, or empty for no PIN");
        }
        if (activationDays < 1 || activationDays > 3650) {
            errors.put("activationDays", "1 to 3,650 days");
        }
        return errors;
    }
}
