package com.flash.backoffice.workflows.payment;

import java.util.List;
import java.util.Objects;

/**
 * FINANCE's signed upload for a cold batch: the signed PSBT (file bytes or its text) or the final transaction.
 *
 * @param roles the uploader's staff roles, checked by the batch workflow (not only by the page)
 */
public record SignatureUpload(byte[] content, String by, List<String> roles) {

    public SignatureUpload {
        Objects.requireNonNull(content, "content");
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
