package com.flash.backoffice.portal.invoice;

import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Resolves a draft against the merchant's defaults and checks every field, collecting all messages at once. */
final class InvoiceTerms {

    static final int MAX_EXPIRATION_MINUTES = 10_080;
    static final int MAX_MONITORING_MINUTES = 43_200;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    record Resolved(
            InvoicePricing.Price price,
            String metadataJson,
            String orderId,
            int expirationMinutes,
            int monitoringMinutes,
            int toleranceBasisPoints,
            SpeedPolicy speedPolicy,
            List<FieldError> errors) {}

    private InvoiceTerms() {}

    static Resolved resolve(Merchant merchant, InvoiceDraft draft, Function<String, InvoicePricing.FiatRate> btcPrice) {
        List<FieldError> errors = new ArrayList<>();
        String currency =
                draft.currency() == null || draft.currency().isBlank() ? merchant.defaultCurrency() : draft.currency();
        InvoicePricing.Result pricing = InvoicePricing.price(draft.amount(), currency, btcPrice);
        if (pricing.error() != null) {
            errors.add(pricing.error());
        }
        String metadata = draft.metadataJson() == null || draft.metadataJson().isBlank() ? "{}" : draft.metadataJson();
        String orderId = null;
        if (metadata.getBytes(StandardCharsets.UTF_8).length > NewInvoice.MAX_METADATA_BYTES) {
            errors.add(new FieldError("metadata", "Metadata is larger than 64 KiB."));
        } else {
            try {
                JsonNode node = JSON.readTree(metadata);
                if (!node.isObject()) {
                    errors.add(new FieldError("metadata", "Metadata must be a JSON object."));
                } else if (node.hasNonNull("orderId") && !node.get("orderId").isValueNode()) {
                    errors.add(new FieldError("metadata.orderId", "Give the order id as a string."));
                } else if (node.hasNonNull("orderId")) {
                    orderId = node.get("orderId").asString();
                    if (orderId.length() > 190) {
                        errors.add(new FieldError("metadata.orderId", "At most 190 characters."));
                    }
                }
            } catch (JacksonException e) {
                errors.add(new FieldError("metadata", "Metadata is not valid JSON."));
            }
        }
        int expiration = orElse(draft.expirationMinutes(), merchant.invoiceExpiryMinutes());
        if (expiration < 1 || expiration > MAX_EXPIRATION_MINUTES) {
            errors.add(new FieldError(
                    "checkout.expirationMinutes", "Must be between 1 and " + MAX_EXPIRATION_MINUTES + " minutes."));
        }
        int monitoring = orElse(draft.monitoringMinutes(), merchant.monitoringMinutes());
        if (monitoring < 0 || monitoring > MAX_MONITORING_MINUTES) {
            errors.add(new FieldError(
                    "checkout.monitoringMinutes", "Must be between 0 and " + MAX_MONITORING_MINUTES + " minutes."));
        }
        BigDecimal tolerance =
                draft.paymentTolerance() == null ? merchant.paymentTolerancePct() : draft.paymentTolerance();
        int toleranceBasisPoints = 0;
        if (tolerance.signum() < 0
                || tolerance.compareTo(HUNDRED) > 0
                || tolerance.stripTrailingZeros().scale() > 2) {
            errors.add(new FieldError(
                    "checkout.paymentTolerance", "A percentage between 0 and 100 with at most two decimals."));
        } else {
            toleranceBasisPoints = NewInvoice.basisPoints(tolerance.setScale(2));
        }
        SpeedPolicy speed = draft.speedPolicy() == null ? merchant.speedPolicy() : draft.speedPolicy();
        return new Resolved(
                pricing.price(),
                metadata,
                orderId,
                expiration,
                monitoring,
                toleranceBasisPoints,
                speed,
                List.copyOf(errors));
    }

    private static int orElse(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
