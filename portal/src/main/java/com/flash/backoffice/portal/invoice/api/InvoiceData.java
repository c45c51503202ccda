package com.flash.backoffice.portal.invoice.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Greenfield's InvoiceData: amounts as decimal strings, times as unix seconds, BTCPay's status names. */
record InvoiceData(
        String id,
        String storeId,
        String amount,
        String currency,
        String type,
        String checkoutLink,
        String status,
        String additionalStatus,
        long monitoringExpiration,
        long expirationTime,
        long createdTime,
        JsonNode metadata,
        Checkout checkout,
        List<String> availableStatusesForManualMarking,
        boolean archived) {

    record Checkout(
            String speedPolicy,
            List<String> paymentMethods,
            String defaultPaymentMethod,
            long expirationMinutes,
            long monitoringMinutes,
            BigDecimal paymentTolerance,
            @JsonProperty("redirectURL") String redirectURL,
            Boolean redirectAutomatically,
            String defaultLanguage) {}
}
