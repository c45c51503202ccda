package com.flash.backoffice.portal.api;

import java.util.List;
import org.springframework.http.HttpStatus;

/**
 * An API failure with its HTTP status and Greenfield body; thrown before anything is written. A validation
 * failure carries the {@code [{path, message}]} list and is answered 422.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;
    private final List<ApiValidationError> validationErrors;
    private final long retryAfterSeconds;

    private ApiException(HttpStatus status, String code, String message, List<ApiValidationError> errors) {
        this(status, code, message, errors, 0);
    }

    private ApiException(
            HttpStatus status, String code, String message, List<ApiValidationError> errors, long retryAfterSeconds) {
        super(message);
        this.status = status;
        this.code = code;
        this.validationErrors = errors;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** 429 with {@code Retry-After}: the caller may try again in that many seconds (at least 1). */
    public static ApiException tooManyRequests(String code, String message, long retryAfterSeconds) {
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, code, message, List.of(), Math.max(1, retryAfterSeconds));
    }

    public static ApiException of(HttpStatus status, String code, String message) {
        return new ApiException(status, code, message, List.of());
    }

    public static ApiException validation(List<ApiValidationError> errors) {
        return new ApiException(
                HttpStatus.UNPROCESSABLE_CONTENT, "validation-error", "The request is invalid.", List.copyOf(errors));
    }

    public static ApiException validation(String path, String message) {
        return validation(List.of(new ApiValidationError(path, message)));
    }

    public static ApiException storeNotFound() {
        return of(HttpStatus.NOT_FOUND, "store-not-found", "The store was not found.");
    }

    public static ApiException notFound(String code, String message) {
        return of(HttpStatus.NOT_FOUND, code, message);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<ApiValidationError> validationErrors() {
        return validationErrors;
    }

    /** Seconds for a {@code Retry-After} header; 0 when the answer has none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean isValidation() {
        return !validationErrors.isEmpty();
    }
}
