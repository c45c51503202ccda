package com.flash.backoffice.portal.apikey;

import com.flash.backoffice.db.apikey.CreatedApiKey;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An approved authorization: the key, BTCPay's {@code userId} (the approving user) and the permissions as granted,
 * to POST to {@code redirect} or, without one, to show once. Or the messages that stopped it, nothing written.
 */
public record AuthorizationResult(
        CreatedApiKey key, String userId, List<String> permissions, URI redirect, Map<ApiKeyField, String> errors) {

    public AuthorizationResult {
        permissions = List.copyOf(permissions);
        errors = Map.copyOf(errors);
    }

    static AuthorizationResult invalid(Map<ApiKeyField, String> errors) {
        return new AuthorizationResult(null, null, List.of(), null, errors);
    }

    public boolean ok() {
        return errors.isEmpty();
    }
}
