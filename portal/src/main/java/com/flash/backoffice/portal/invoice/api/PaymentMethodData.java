package com.flash.backoffice.portal.invoice.api;

import java.util.List;
import java.util.Map;

/**
 * Greenfield's invoice payment method entry. {@code paymentMethod} is the field's name and id before BTCPay 2.0
 * ("BTC", "BTC-LightningNetwork"), kept beside {@code paymentMethodId} for clients generated from that spec.
 * {@code destination} and {@code paymentLink} stay null until the invoice's address and BOLT11 are exposed by
 * InvoiceService (the payment-method seam).
 */
record PaymentMethodData(
        String paymentMethodId,
        String paymentMethod,
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
