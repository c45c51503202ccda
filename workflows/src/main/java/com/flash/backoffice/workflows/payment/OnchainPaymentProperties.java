package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.BatchCustody;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * On-chain payments from Flash's wallet ({@code flash.payment.onchain.*}).
 *
 * @param targetConf the confirmation target the fee rate is chosen for (default 6 blocks)
 * @param confirmations the depth at which a payment counts as done (default 3)
 * @param pollInterval how often the node is asked where the transaction stands (default 10 s)
 * @param batchInterval how often the batcher gathers the waiting on-chain payments into one transaction (default 1
 *     min): payments due in the same run go out together
 * @param batchMaxPayments the most payments one batch takes (default 250); the rest wait for the next run
 * @param custody whose keys sign the batches: HOT (Flash's LND wallet, default) or COLD (the watch-only treasury key;
 *     FINANCE signs each batch's PSBT offline)
 */
@ConfigurationProperties("flash.payment.onchain")
public record OnchainPaymentProperties(
        Integer targetConf,
        Integer confirmations,
        Duration pollInterval,
        Duration batchInterval,
        Integer batchMaxPayments,
        BatchCustody custody) {

    public OnchainPaymentProperties {
        targetConf = targetConf == null ? 6 : targetConf;
        confirmations = confirmations == null ? 3 : confirmations;
        pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
        batchInterval = batchInterval == null ? Duration.ofMinutes(1) : batchInterval;
        batchMaxPayments = batchMaxPayments == null ? 250 : batchMaxPayments;
        custody = custody == null ? BatchCustody.HOT : custody;
        if (targetConf < 1 || confirmations < 1 || batchMaxPayments < 1) {
            throw new IllegalArgumentException(
                    "flash.payment.onchain: target-conf, confirmations and" + " batch-max-payments must be at least 1");
        }
        if (!pollInterval.isPositive() || !batchInterval.isPositive()) {
            throw new IllegalArgumentException(
                    "flash.payment.onchain: poll-interval and batch-interval must be positive");
        }
    }
}
