package com.flash.backoffice.portal.merchant;

import com.flash.backoffice.db.payout.PayoutSettings;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/** Outcome of saving payout settings: the stored settings, or why nothing was stored. */
public sealed interface PayoutSettingsResult {

    record Saved(PayoutSettings settings) implements PayoutSettingsResult {}

    record Invalid(Map<PayoutSettingsField, String> errors) implements PayoutSettingsResult {

        public Invalid {
            errors = Collections.unmodifiableMap(new EnumMap<>(errors));
        }
    }

    record NotFound() implements PayoutSettingsResult {}
}
