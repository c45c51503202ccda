package com.flash.backoffice.db.apikey;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What a new key is made of; {@code merchantId} and {@code expiresAt} may be null (every store, never expires). */
public record NewApiKey(
        String label, String merchantId, List<String> permissions, String createdBy, Instant expiresAt) {

    public NewApiKey {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(createdBy, "createdBy");
        permissions = List.copyOf(permissions);
    }
}
