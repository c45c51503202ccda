package com.flash.backoffice.portal.merchant;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The result of checking a draft: field messages, and the first receive address derived from the key so the
 * user can compare it with their wallet before saving.
 */
public record MerchantValidation(Map<MerchantField, String> errors, Optional<String> firstReceiveAddress) {

    public MerchantValidation {
        errors = errors.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(errors));
    }

    public boolean isValid() {
        return errors.isEmpty();
    }
}
