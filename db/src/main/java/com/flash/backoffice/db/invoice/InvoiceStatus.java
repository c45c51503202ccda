package com.flash.backoffice.db.invoice;

/** BTCPay's invoice statuses; {@link #btcpayName()} is the name its API and webhooks use. */
public enum InvoiceStatus {
    /** Waiting for payment in full. */
    NEW("New"),
    /** Paid in full (within tolerance), waiting for the confirmations the speed policy asks for. */
    PROCESSING("Processing"),
    /** Paid in full and every counted payment is final; the merchant's balance is credited. */
    SETTLED("Settled"),
    /** Not paid in full before expiry. */
    EXPIRED("Expired"),
    /** Paid, but the confirmations did not arrive before the monitoring window closed, or marked invalid. */
    INVALID("Invalid");

    private final String btcpayName;

    InvoiceStatus(String btcpayName) {
        this.btcpayName = btcpayName;
    }

    public String btcpayName() {
        return btcpayName;
    }
}
