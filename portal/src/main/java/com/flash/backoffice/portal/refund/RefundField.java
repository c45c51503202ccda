package com.flash.backoffice.portal.refund;

/** The fields of a refund's start, with their Greenfield names for the API's validation errors. */
public enum RefundField {
    VARIANT("refundVariant"),
    SUBTRACT_PERCENTAGE("subtractPercentage"),
    CUSTOM_AMOUNT("customAmount"),
    CUSTOM_CURRENCY("customCurrency"),
    REASON("description"),
    DESTINATION("destination"),
    SOURCE("source"),
    ALLOW_NEGATIVE_BALANCE("allowNegativeBalance"),
    PAYMENT_METHOD("paymentMethod");

    private final String apiPath;

    RefundField(String apiPath) {
        this.apiPath = apiPath;
    }

    public String apiPath() {
        return apiPath;
    }

    static RefundField ofQuoteField(String field) {
        return switch (field) {
            case "subtractPercentage" -> SUBTRACT_PERCENTAGE;
            case "customAmount" -> CUSTOM_AMOUNT;
            case "customCurrency" -> CUSTOM_CURRENCY;
            default -> VARIANT;
        };
    }
}
