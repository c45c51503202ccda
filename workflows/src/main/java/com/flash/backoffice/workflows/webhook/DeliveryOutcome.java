package com.flash.backoffice.workflows.webhook;

/** Expected ends of a delivery chain. */
public enum DeliveryOutcome {
    DELIVERED("The receiver answered 2xx."),
    REJECTED("The receiver answered 4xx (not 408 or 429): BTCPay does not retry those."),
    GAVE_UP("Every retry failed, or automatic redelivery is off, or the webhook was disabled or deleted."),
    WEBHOOK_GONE("The webhook or the delivery no longer exists.");

    private final String message;

    DeliveryOutcome(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
