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

    private ApiException(HttpStatus status, String code, String message, List<ApiValidationError> errors) {
        super(message);
        this.status = status;
        this.code = code;
        this.validationErrors = errors;
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

    public boolean isValidation() {
        return !validationErrors.isEmpty();
    }
}
