package com.flash.backoffice.workflows.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.webhook.DeliveryStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookRetryPolicyTest {

    @Test
    void retries_on_5xx_408_429_and_no_answer_only() {
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.HTTP_ERROR, 500))
                .isTrue();
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.HTTP_ERROR, 503))
                .isTrue();
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.HTTP_ERROR, 408))
                .isTrue();
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.HTTP_ERROR, 429))
                .isTrue();
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.FAILED, null)).isTrue();
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.HTTP_ERROR, 400))
                .isFalse();
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.HTTP_ERROR, 404))
                .isFalse();
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.HTTP_ERROR, 301))
                .isFalse();
        assertThat(WebhookRetryPolicy.shouldRetry(DeliveryStatus.HTTP_SUCCESS, 200))
                .isFalse();
    }

    @Test
    void schedule_is_10s_1min_then_six_times_10min() {
        assertThat(WebhookRetryPolicy.DELAYS)
                .containsExactly(
                        Duration.ofSeconds(10),
                        Duration.ofMinutes(1),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10),
                        Duration.ofMinutes(10));
    }

    @Test
    void signature_matches_a_known_hmac_sha256_vector() {
        // RFC 4231 test case 2
        assertThat(WebhookSignature.header("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void a_redelivery_keeps_the_original_delivery_id_and_changes_the_delivery_id() {
        String first = "{\"deliveryId\":\"A\",\"webhookId\":\"W\",\"originalDeliveryId\":\"A\",\"isRedelivery\":false,"
                + "\"type\":\"InvoiceSettled\"}";
        String again = WebhookPayloads.asRedelivery(first, "B");
        assertThat(again).contains("\"deliveryId\":\"B\"", "\"originalDeliveryId\":\"A\"", "\"isRedelivery\":true");
    }
}
