package com.flash.backoffice.db.invoice;

/** BTCPay's additional (exception) status beside {@link InvoiceStatus}. */
public enum InvoiceAdditionalStatus {
    NONE("None"),
    /** Something was paid, but less than the amount minus the tolerance. */
    PAID_PARTIAL("PaidPartial"),
    /** More than the full amount was paid. */
    PAID_OVER("PaidOver"),
    /** Paid in full after expiry, inside the monitoring window; the invoice stays Expired. */
    PAID_LATE("PaidLate"),
    /** Staff set the status by hand. */
    MARKED("Marked");

    private final String btcpayName;

    InvoiceAdditionalStatus(String btcpayName) {
        this.btcpayName = btcpayName;
    }

    public String btcpayName() {
        return btcpayName;
    }
}
