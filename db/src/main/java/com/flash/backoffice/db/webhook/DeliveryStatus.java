package com.flash.backoffice.db.webhook;

/** A delivery attempt's outcome, with BTCPay's API names; PENDING until it was attempted. */
public enum DeliveryStatus {
    PENDING("Pending"),
    /** The receiver answered 2xx. */
    HTTP_SUCCESS("HttpSuccess"),
    /** The receiver answered, but not 2xx. */
    HTTP_ERROR("HttpError"),
    /** No answer: connection refused, timeout, TLS failure. */
    FAILED("Failed");

    private final String btcpayName;

    DeliveryStatus(String btcpayName) {
        this.btcpayName = btcpayName;
    }

    public String btcpayName() {
        return btcpayName;
    }
}
