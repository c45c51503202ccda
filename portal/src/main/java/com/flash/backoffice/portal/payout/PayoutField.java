package com.flash.backoffice.portal.payout;

/** The fields of a payout request, for field messages (UI) and validation paths (API). */
public enum PayoutField {
    MERCHANT("storeId"),
    DESTINATION("destination"),
    AMOUNT("amount");

    private final String apiPath;

    PayoutField(String apiPath) {
        this.apiPath = apiPath;
    }

    public String apiPath() {
        return apiPath;
    }
}
