package com.flash.backoffice.db.invoice;

/** BTCPay's payment method ids. */
public enum PaymentMethod {
    BTC_CHAIN("BTC-CHAIN"),
    BTC_LN("BTC-LN");

    private final String id;

    PaymentMethod(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
