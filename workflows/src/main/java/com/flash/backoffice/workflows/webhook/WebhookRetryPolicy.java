package com.flash.backoffice.workflows.webhook;

import com.flash.backoffice.db.webhook.DeliveryStatus;
import java.time.Duration;
import java.util.List;

/** BTCPay's automatic redelivery: after 10 s, 1 min, then six times after 10 min; only when it may help. */
public final class WebhookRetryPolicy {

    public static final List<Duration> DELAYS = List.of(
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10),
            Duration.ofMinutes(10));

    private WebhookRetryPolicy() {}

    /** No answer, 5xx, 408 (request timeout) or 429 (too many requests); never 2xx or another 4xx. */
    public static boolean shouldRetry(DeliveryStatus status, Integer httpCode) {
        return switch (status) {
            case FAILED -> true;
            case HTTP_ERROR -> httpCode != null && (httpCode >= 500 || httpCode == 408 || httpCode == 429);
            case HTTP_SUCCESS, PENDING -> false;
        };
    }
}
