package com.flash.backoffice.workflows.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.PaymentStatus;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * BTCPay's webhook bodies: the envelope ({@code deliveryId, webhookId, originalDeliveryId, isRedelivery, type,
 * timestamp, storeId, invoiceId, metadata}) and each invoice event type's own fields. Amounts are BTC decimal
 * strings, times unix seconds.
 */
public final class WebhookPayloads {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final BigDecimal MSAT_PER_BTC = BigDecimal.valueOf(100_000_000_000L);

    private WebhookPayloads() {}

    /** BTCPay's WebhookPayoutEvent: the envelope with {@code payoutId, pullPaymentId, payoutState}. */
    public static String payoutEvent(
            String deliveryId,
            String webhookId,
            String storeId,
            String type,
            long timestamp,
            String payoutId,
            String pullPaymentId,
            String payoutState) {
        ObjectNode body = JSON.createObjectNode();
        body.put("deliveryId", deliveryId);
        body.put("webhookId", webhookId);
        body.put("originalDeliveryId", deliveryId);
        body.put("isRedelivery", false);
        body.put("type", type);
        body.put("timestamp", timestamp);
        body.put("storeId", storeId);
        body.put("payoutId", payoutId);
        if (pullPaymentId == null) {
            body.putNull("pullPaymentId");
        } else {
            body.put("pullPaymentId", pullPaymentId);
        }
        body.put("payoutState", payoutState);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String invoiceEvent(
            String deliveryId,
            String webhookId,
            String storeId,
            InvoiceEvent event,
            Invoice invoice,
            Optional<InvoicePayment> payment) {
        ObjectNode body = JSON.createObjectNode();
        body.put("deliveryId", deliveryId);
        body.put("webhookId", webhookId);
        body.put("originalDeliveryId", deliveryId);
        body.put("isRedelivery", false);
        body.put("type", event.eventType());
        body.put("timestamp", event.occurredAt().getEpochSecond());
        body.put("storeId", storeId);
        body.put("invoiceId", event.invoiceId());
        body.set("metadata", metadata(invoice.metadataJson()));
        Map<String, String> detail = detail(event.detail());
        boolean overPaid = event.additionalStatus() == InvoiceAdditionalStatus.PAID_OVER;
        switch (event.eventType()) {
            case "InvoiceReceivedPayment", "InvoicePaymentSettled" -> {
                boolean afterExpiration = detail.containsKey("afterExpiration")
                        ? Boolean.parseBoolean(detail.get("afterExpiration"))
                        : payment.map(p -> !p.seenAt().isBefore(invoice.expiresAt()))
                                .orElse(false);
                body.put("afterExpiration", afterExpiration);
                payment.ifPresent(p -> {
                    body.put("paymentMethod", p.method().id());
                    body.set("payment", payment(p));
                });
            }
            case "InvoiceProcessing" -> body.put("overPaid", flag(detail, "overPaid", overPaid));
            case "InvoiceSettled" -> {
                body.put("manuallyMarked", flag(detail, "manuallyMarked", false));
                body.put("overPaid", overPaid);
            }
            case "InvoiceInvalid" -> body.put("manuallyMarked", flag(detail, "manuallyMarked", false));
            case "InvoiceExpired" -> body.put("partiallyPaid", flag(detail, "partiallyPaid", false));
            case "InvoicePaidAfterExpiration" -> body.put("overPaid", overPaid);
            case "InvoiceRefund" -> {
                body.put("refundId", detail.get("refundId"));
                body.put("pullPaymentId", detail.get("refundId"));
                body.put("refundState", detail.get("refundState"));
                body.put("refundStatus", detail.get("refundStatus"));
                if (detail.containsKey("amountMsat")) {
                    body.put("amount", btc(Long.parseLong(detail.get("amountMsat"))));
                    body.put("currency", "BTC");
                }
            }
            default -> {
                // InvoiceCreated: the envelope only
            }
        }
        return write(body);
    }

    /** The same body as a redelivery: new deliveryId, isRedelivery true, originalDeliveryId kept. */
    public static String asRedelivery(String originalBody, String newDeliveryId) {
        try {
            ObjectNode body = (ObjectNode) JSON.readTree(originalBody);
            if (!body.hasNonNull("originalDeliveryId")) {
                body.put("originalDeliveryId", body.path("deliveryId").asText());
            }
            body.put("deliveryId", newDeliveryId);
            body.put("isRedelivery", true);
            return write(body);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalArgumentException("stored webhook body is not a JSON object", e);
        }
    }

    private static ObjectNode payment(InvoicePayment payment) {
        ObjectNode node = JSON.createObjectNode();
        node.put("id", payment.paymentRef());
        node.put("receivedDate", payment.seenAt().getEpochSecond());
        node.put("value", btc(payment.amountMsat()));
        node.put("fee", "0");
        node.put("status", paymentStatus(payment.status()));
        node.put("destination", payment.destination());
        return node;
    }

    /** BTCPay's payment statuses. */
    static String paymentStatus(PaymentStatus status) {
        return switch (status) {
            case PENDING -> "Processing";
            case CONFIRMED -> "Settled";
            case DROPPED -> "Invalid";
        };
    }

    static String btc(long msat) {
        BigDecimal btc = BigDecimal.valueOf(msat).divide(MSAT_PER_BTC);
        return btc.signum() == 0 ? "0" : btc.stripTrailingZeros().toPlainString();
    }

    private static JsonNode metadata(String json) {
        try {
            JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
            return node.isObject() ? node : JSON.createObjectNode();
        } catch (JsonProcessingException e) {
            return JSON.createObjectNode();
        }
    }

    private static boolean flag(Map<String, String> detail, String name, boolean fallback) {
        return detail.containsKey(name) ? Boolean.parseBoolean(detail.get(name)) : fallback;
    }

    /** The outbox's detail column: {@code name=value} pairs separated by commas. */
    static Map<String, String> detail(String detail) {
        Map<String, String> values = new HashMap<>();
        if (detail == null) {
            return values;
        }
        for (String pair : detail.split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
            }
        }
        return values;
    }

    private static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
