package com.flash.backoffice.workflows.invoice;

/** BTCPay's invoice webhook event types; {@link #btcpayName()} is the {@code type} of the webhook payload. */
public enum InvoiceEventType {
    CREATED("InvoiceCreated"),
    RECEIVED_PAYMENT("InvoiceReceivedPayment"),
    PAYMENT_SETTLED("InvoicePaymentSettled"),
    PROCESSING("InvoiceProcessing"),
    EXPIRED("InvoiceExpired"),
    SETTLED("InvoiceSettled"),
    INVALID("InvoiceInvalid"),
    PAID_AFTER_EXPIRATION("InvoicePaidAfterExpiration"),
    /** A refund of the invoice started or ended (written by the refund feature, with the refund's id and state). */
    REFUND(com.flash.backoffice.db.refund.RefundRepository.INVOICE_EVENT_TYPE);

    private final String btcpayName;

    InvoiceEventType(String btcpayName) {
        this.btcpayName = btcpayName;
    }

    public String btcpayName() {
        return btcpayName;
    }
}
