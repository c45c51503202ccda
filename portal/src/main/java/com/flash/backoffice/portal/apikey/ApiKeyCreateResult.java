package com.flash.backoffice.portal.apikey;

import com.flash.backoffice.db.apikey.CreatedApiKey;
import java.util.Map;

/** The new key, to show once, or the message for each field that stopped it (nothing written then). */
public record ApiKeyCreateResult(CreatedApiKey key, Map<ApiKeyField, String> errors) {

    public ApiKeyCreateResult {
        errors = Map.copyOf(errors);
    }

    static ApiKeyCreateResult created(CreatedApiKey key) {
        return new ApiKeyCreateResult(key, Map.of());
    }

    static ApiKeyCreateResult invalid(Map<ApiKeyField, String> errors) {
        return new ApiKeyCreateResult(null, errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
