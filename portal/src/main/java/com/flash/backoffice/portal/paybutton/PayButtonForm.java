package com.flash.backoffice.portal.paybutton;

import com.flash.backoffice.portal.api.ApiJson;
import com.flash.backoffice.portal.api.ApiValidationError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a pay button posts (BTCPay's form fields): {@code storeId}, {@code price} (empty: the customer pays what
 * they like, a top-up invoice), {@code currency} (empty: the store's default), {@code orderId}, {@code checkoutDesc},
 * {@code browserRedirect} (where checkout sends the customer when done) and {@code jsonResponse}. Amounts and
 * currencies are checked by the invoice rules; this checks the rest.
 */
public record PayButtonForm(
        String storeId,
        String price,
        String currency,
        String orderId,
        String checkoutDesc,
        String browserRedirect,
        boolean jsonResponse) {

    static final int MAX_ORDER_ID = 190;
    static final int MAX_DESCRIPTION = 500;
    static final int MAX_URL = 2000;

    /** The form, or the validation errors (path = form field) when a field is unusable. */
    public static Parsed parse(Map<String, String> fields) {
        List<ApiValidationError> errors = new ArrayList<>();
        String storeId = trimmed(fields.get("storeId"));
        if (storeId == null) {
            errors.add(new ApiValidationError("storeId", "The pay button must name its store (storeId)."));
        }
        String orderId = trimmed(fields.get("orderId"));
        if (orderId != null && orderId.length() > MAX_ORDER_ID) {
            errors.add(new ApiValidationError("orderId", "At most " + MAX_ORDER_ID + " characters."));
        }
        String description = trimmed(fields.get("checkoutDesc"));
        if (description != null && description.length() > MAX_DESCRIPTION) {
            errors.add(new ApiValidationError("checkoutDesc", "At most " + MAX_DESCRIPTION + " characters."));
        }
        String redirect = trimmed(fields.get("browserRedirect"));
        if (redirect != null && !ApiJson.isHttpUrl(redirect, MAX_URL)) {
            errors.add(new ApiValidationError(
                    "browserRedirect", "An absolute http(s) URL of at most " + MAX_URL + " characters."));
        }
        String json = trimmed(fields.get("jsonResponse"));
        if (json != null && !json.equalsIgnoreCase("true") && !json.equalsIgnoreCase("false")) {
            errors.add(new ApiValidationError("jsonResponse", "Either true or false."));
        }
        PayButtonForm form = new PayButtonForm(
                storeId,
                trimmed(fields.get("price")),
                trimmed(fields.get("currency")),
                orderId,
                description,
                redirect,
                "true".equalsIgnoreCase(json));
        return new Parsed(errors.isEmpty() ? form : null, List.copyOf(errors));
    }

    public record Parsed(PayButtonForm form, List<ApiValidationError> errors) {}

    private static String trimmed(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
