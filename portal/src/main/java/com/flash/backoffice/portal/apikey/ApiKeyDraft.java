package com.flash.backoffice.portal.apikey;

import java.time.LocalDate;
import java.util.Set;

/**
 * A key as typed on the form: {@code merchantId} null for every store; {@code validThrough} null for a key that
 * never expires, else the last day (UTC) on which it works.
 */
public record ApiKeyDraft(String label, String merchantId, Set<String> permissions, LocalDate validThrough) {

    public ApiKeyDraft {
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }
}
