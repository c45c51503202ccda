package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.chain.ChainPaymentQuery;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.chain.WatcherLeaseRepository;
import com.flash.backoffice.workflows.bitcoin.BitcoinNode;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import io.temporal.client.WorkflowClient;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The chain and Lightning watchers and their polling loop, only when {@code flash.watchers.enabled=true}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "flash.watchers", name = "enabled", havingValue = "true")
public class WatcherConfiguration {

    /** Identifies this instance as a lease owner. */
    private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
            + UUID.randomUUID().toString().substring(0, 8);

    @Bean
    PaymentSignals paymentSignals(WorkflowClient workflowClient, AfterMonitoringReceipts suspense) {
        return new TemporalPaymentSignals(workflowClient, suspense);
    }

    @Bean
    ChainWatcher chainWatcher(
            NetworkMode mode,
            WatcherProperties properties,
            BitcoinNode bitcoinNode,
            InvoiceAddressRepository addresses,
            ChainPaymentQuery payments,
            WatcherCursorRepository cursors,
            WatcherLeaseRepository leases,
            PaymentSignals signals) {
        Clock clock = Clock.systemUTC();
        String nodeId = mode.bitcoinNodeId();
        return new ChainWatcher(
                nodeId,
                bitcoinNode,
                addresses,
                payments,
                cursors,
                new WatcherLease(leases, "chain:" + nodeId, owner, properties.leaseTtl(), clock),
                signals,
                clock,
                properties.maxBlocksPerPoll());
    }

    @Bean
    LightningWatcher lightningWatcher(
            NetworkMode mode,
            WatcherProperties properties,
            LightningNode lightningNode,
            InvoiceLightningRepository invoices,
            CardTopUps topUps,
            WatcherCursorRepository cursors,
            WatcherLeaseRepository leases,
            PaymentSignals signals) {
        Clock clock = Clock.systemUTC();
        String nodeId = mode.lightningNodeId();
        return new LightningWatcher(
                nodeId,
                lightningNode,
                invoices,
                topUps,
                cursors,
                new WatcherLease(leases, "lightning:" + nodeId, owner, properties.leaseTtl(), clock),
                signals,
                clock);
    }

    @Bean
    WatcherRunner watcherRunner(
            ChainWatcher chainWatcher, LightningWatcher lightningWatcher, WatcherProperties properties) {
        return new WatcherRunner(chainWatcher, lightningWatcher, properties.pollInterval());
    }
}
