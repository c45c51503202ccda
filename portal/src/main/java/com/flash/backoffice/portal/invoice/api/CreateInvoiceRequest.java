package com.flash.backoffice.portal.invoice.api;

import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.portal.api.ApiException;
import com.flash.backoffice.portal.api.ApiJson;
import com.flash.backoffice.portal.api.ApiValidationError;
import com.flash.backoffice.portal.invoice.InvoiceDraft;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Greenfield's CreateInvoiceRequest read field by field, so each wrong type gets its own 422 entry: amount (a
 * decimal string or number; absent: top-up), currency, metadata (an object), checkout (speedPolicy,
 * expirationMinutes, monitoringMinutes, paymentTolerance, redirectURL). Other Greenfield fields are ignored.
 */
record CreateInvoiceRequest(InvoiceDraft draft, String redirectUrl) {

    static final int MAX_URL = 2000;

    static CreateInvoiceRequest parse(String body) {
        JsonNode root = ApiJson.object(body);
        List<ApiValidationError> errors = new ArrayList<>();
        String amount = null;
        JsonNode amountNode = root.get("amount");
        if (amountNode != null && !amountNode.isNull()) {
            if (amountNode.isNumber()) {
                amount = amountNode.decimalValue().toPlainString();
            } else if (amountNode.isString()) {
                amount = amountNode.asString();
            } else {
                errors.add(new ApiValidationError("amount", "The amount must be a decimal number or string."));
            }
        }
        String currency = text(root, "currency", "currency", errors);
        String metadata = null;
        JsonNode metadataNode = root.get("metadata");
        if (metadataNode != null && !metadataNode.isNull()) {
            if (metadataNode.isObject()) {
                metadata = ApiJson.write(metadataNode);
            } else {
                errors.add(new ApiValidationError("metadata", "Metadata must be a JSON object."));
            }
        }
        Integer expiration = null;
        Integer monitoring = null;
        BigDecimal tolerance = null;
        SpeedPolicy speed = null;
        String redirect = null;
        JsonNode checkout = root.get("checkout");
        if (checkout != null && !checkout.isNull()) {
            if (!checkout.isObject()) {
                errors.add(new ApiValidationError("checkout", "checkout must be a JSON object."));
            } else {
                String speedName = text(checkout, "speedPolicy", "checkout.speedPolicy", errors);
                if (speedName != null) {
                    speed = InvoiceJson.speedPolicy(speedName).orElse(null);
                    if (speed == null) {
                        errors.add(new ApiValidationError(
                                "checkout.speedPolicy", "Use HighSpeed, MediumSpeed, LowMediumSpeed or LowSpeed."));
                    }
                }
                expiration = minutes(checkout, "expirationMinutes", errors);
                monitoring = minutes(checkout, "monitoringMinutes", errors);
                JsonNode toleranceNode = checkout.get("paymentTolerance");
                if (toleranceNode != null && !toleranceNode.isNull()) {
                    if (toleranceNode.isNumber()) {
                        tolerance = toleranceNode.decimalValue();
                    } else {
                        errors.add(
                                new ApiValidationError("checkout.paymentTolerance", "A percentage between 0 and 100."));
                    }
                }
                redirect = text(checkout, "redirectURL", "checkout.redirectURL", errors);
                if (redirect != null && !ApiJson.isHttpUrl(redirect, MAX_URL)) {
                    errors.add(new ApiValidationError(
                            "checkout.redirectURL", "An absolute http(s) URL of at most " + MAX_URL + " characters."));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new CreateInvoiceRequest(
                new InvoiceDraft(amount, currency, metadata, expiration, monitoring, tolerance, speed), redirect);
    }

    private static String text(JsonNode parent, String field, String path, List<ApiValidationError> errors) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            errors.add(new ApiValidationError(path, "Must be a string."));
            return null;
        }
        return node.asString();
    }

    private static Integer minutes(JsonNode checkout, String field, List<ApiValidationError> errors) {
        JsonNode node = checkout.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt()) {
            errors.add(new ApiValidationError("checkout." + field, "Must be a whole number of minutes."));
            return null;
        }
        return node.intValue();
    }
}
