package com.flash.backoffice.portal.api;

import com.flash.backoffice.db.support.SqlErrors;

/**
 * The database is unreachable for a moment (restarted, failing over): a request answers at once with 503 and {@code
 * Retry-After} instead of waiting, and since its transaction did not commit, nothing was written. One rule for the
 * API, its filters and the public LNURL routes.
 */
public final class ServiceUnavailable {

    public static final long RETRY_AFTER_SECONDS = 5;
    public static final String CODE = "service-unavailable";
    public static final String MESSAGE =
            "The service is briefly unavailable (its database did not answer); nothing was written. Try again in "
                    + RETRY_AFTER_SECONDS + " s.";

    private ServiceUnavailable() {}

    public static boolean causedBy(Throwable error) {
        return SqlErrors.isConnectionFailure(error);
    }
}
