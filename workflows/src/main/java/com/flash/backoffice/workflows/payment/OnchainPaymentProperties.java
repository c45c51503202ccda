package com.flash.backoffice.workflows.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * On-chain payments from Flash's wallet ({@code flash.payment.onchain.*}).
 *
 * @param targetConf the confirmation target the fee rate is chosen for (default 6 blocks)
 * @param confirmations the depth at which a payment counts as done (default 3)
 * @param pollInterval how often the node is asked where the transaction stands (default 10 s)
 */
@ConfigurationProperties("flash.payment.onchain")
public record OnchainPaymentProperties(Integer targetConf, Integer confirmations, Duration pollInterval) {

    public OnchainPaymentProperties {
        targetConf = targetConf == null ? 6 : targetConf;
        confirmations = confirmations == null ? 3 : confirmations;
        pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
        if (targetConf < 1 || confirmations < 1 || !pollInterval.isPositive()) {
            throw new IllegalArgumentException(
                    "flash.payment.onchain: target-conf and confirmations must be at least 1,"
                            + " poll-interval positive");
        }
    }
}
