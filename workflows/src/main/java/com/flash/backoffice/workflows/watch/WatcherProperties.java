package com.flash.backoffice.workflows.watch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flash.watchers.*}: whether this instance runs the chain and Lightning watchers, how often they poll, how
 * long a lease lasts without renewal, and the node ids their cursors and leases are kept under.
 */
@ConfigurationProperties("flash.watchers")
public record WatcherProperties(
        boolean enabled,
        Duration pollInterval,
        Duration leaseTtl,
        String bitcoinNodeId,
        String lightningNodeId,
        int maxBlocksPerPoll) {

    public WatcherProperties {
        pollInterval = pollInterval == null ? Duration.ofSeconds(2) : pollInterval;
        leaseTtl = leaseTtl == null ? Duration.ofSeconds(30) : leaseTtl;
        bitcoinNodeId = bitcoinNodeId == null || bitcoinNodeId.isBlank() ? "bitcoin" : bitcoinNodeId;
        lightningNodeId = lightningNodeId == null || lightningNodeId.isBlank() ? "lnd" : lightningNodeId;
        maxBlocksPerPoll = maxBlocksPerPoll <= 0 ? 50 : maxBlocksPerPoll;
        if (!leaseTtl.minus(pollInterval.multipliedBy(3)).isPositive()) {
            throw new IllegalArgumentException("flash.watchers.lease-ttl must be more than three poll intervals");
        }
    }
}
