package com.flash.backoffice.portal.invoice.api;

import java.util.List;
import java.util.Map;

/**
 * Greenfield's invoice payment method entry. {@code paymentMethod} is the field's name and id before BTCPay 2.0
 * ("BTC", "BTC-LightningNetwork"), kept beside {@code paymentMethodId} for clients generated from that spec.
 * {@code destination} is the address or the BOLT11 for the amount still due, {@code paymentLink} its URI.
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
