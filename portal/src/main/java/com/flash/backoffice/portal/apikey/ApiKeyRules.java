package com.flash.backoffice.portal.apikey;

import com.flash.backoffice.portal.api.PermissionChoice;
import com.flash.backoffice.portal.api.StorePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Checks a key draft; the messages are the ones the form shows beside each field. */
final class ApiKeyRules {

    static final int MAX_LABEL = 200;

    private ApiKeyRules() {}

    static Map<ApiKeyField, String> check(ApiKeyDraft draft, LocalDate today, Predicate<String> storeExists) {
        Map<ApiKeyField, String> errors = new EnumMap<>(ApiKeyField.class);
        if (draft.label() == null || draft.label().isBlank()) {
            errors.put(ApiKeyField.LABEL, "Enter a label: the application or person that will use the key.");
        } else if (draft.label().strip().length() > MAX_LABEL) {
            errors.put(ApiKeyField.LABEL, "At most " + MAX_LABEL + " characters.");
        }
        if (draft.merchantId() != null && !storeExists.test(draft.merchantId())) {
            errors.put(ApiKeyField.STORE, "No such store.");
        }
        permissionError(draft.permissions()).ifPresent(message -> errors.put(ApiKeyField.PERMISSIONS, message));
        if (draft.validThrough() != null && draft.validThrough().isBefore(today)) {
            errors.put(ApiKeyField.EXPIRY, "The last valid day cannot be in the past: choose today or later.");
        }
        return errors;
    }

    static Optional<String> permissionError(Set<String> permissions) {
        if (permissions.isEmpty()) {
            return Optional.of("Choose at least one permission.");
        }
        List<String> unknown = permissions.stream()
                .filter(name -> StorePermissions.offered(name).isEmpty())
                .sorted()
                .toList();
        return unknown.isEmpty()
                ? Optional.empty()
                : Optional.of("Not a permission Flash offers: " + String.join(", ", unknown));
    }

    /** A key valid through a day stops working at the midnight (UTC) that ends it. */
    static Instant expiresAt(LocalDate validThrough) {
        return validThrough == null
                ? null
                : validThrough.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    /** The permissions in the order the pages list them. */
    static List<String> ordered(Set<String> permissions) {
        return StorePermissions.OFFERED.stream()
                .map(PermissionChoice::name)
                .filter(permissions::contains)
                .toList();
    }
}
