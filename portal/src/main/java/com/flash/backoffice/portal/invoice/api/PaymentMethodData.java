package com.flash.backoffice.portal.invoice.api;

import java.util.List;
import java.util.Map;

/**
 * Greenfield's invoice payment method entry. {@code destination} and {@code paymentLink} stay null until the
 * invoice's address and BOLT11 are exposed by InvoiceService (the payment-method seam).
 */
record PaymentMethodData(
        String paymentMethodId,
        String currency,
        String destination,
        String paymentLink,
        String rate,
        String paymentMethodPaid,
        String totalPaid,
        String due,
        String amount,
        String networkFee,
        List<Payment> payments,
        boolean activated,
        Map<String, Object> additionalData) {

    record Payment(String id, long receivedDate, String value, String fee, String status, String destination) {}
}
