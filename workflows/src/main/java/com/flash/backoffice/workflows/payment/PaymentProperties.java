package com.flash.backoffice.workflows.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flash.payment.*}.
 *
 * @param lightningTimeout how long the node may look for a route before the payment fails with TIMEOUT (default
 *     60 s); an HTLC already out is followed to its end however long that takes
 * @param trackInterval how long one wait on the node lasts between two activity heartbeats (default 5 s): keep the
 *     activity's heartbeat timeout well above it
 */
@ConfigurationProperties("flash.payment")
public record PaymentProperties(Duration lightningTimeout, Duration trackInterval) {

    public PaymentProperties {
        lightningTimeout = lightningTimeout == null ? Duration.ofSeconds(60) : lightningTimeout;
        trackInterval = trackInterval == null ? Duration.ofSeconds(5) : trackInterval;
        if (lightningTimeout.toSeconds() < 1 || trackInterval.isNegative() || trackInterval.isZero()) {
            throw new IllegalArgumentException("flash.payment.lightning-timeout must be at least 1 s and"
                    + " flash.payment.track-interval positive");
        }
    }

    public static PaymentProperties defaults() {
        return new PaymentProperties(null, null);
    }
}
