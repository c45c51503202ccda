package com.flash.backoffice.workflows.watch;

import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.workflows.bitcoin.BitcoinNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinProperties;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.bitcoin.InvoiceAddresses;
import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The Bitcoin and Lightning nodes: real adapters when {@code flash.bitcoin.rpc.url} and {@code flash.lnd.*} are
 * set, the development-only simulated network when {@code flash.network.simulated=true} or nothing is configured
 * (announced loudly, and refused under the {@code prod} profile).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    BitcoinProperties.class,
    BitcoinRpcProperties.class,
    LndProperties.class,
    NetworkProperties.class,
    WatcherProperties.class
})
public class NodeConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NodeConfiguration.class);

    @Bean
    NetworkMode networkMode(
            NetworkProperties network,
            BitcoinRpcProperties bitcoin,
            LndProperties lnd,
            WatcherProperties watchers,
            Environment environment) {
        NetworkMode mode = NetworkMode.decide(network, bitcoin, lnd, watchers);
        if (mode.simulated()) {
            if (environment.acceptsProfiles(Profiles.of("prod"))) {
                throw new IllegalStateException("The simulated Bitcoin/Lightning network is for development only and"
                        + " the prod profile is active (" + mode.reason() + ")");
            }
            log.warn("**************************************************************************************");
            log.warn("*  SIMULATED Bitcoin and Lightning network — development only; payments are NOT real *");
            log.warn("*  reason: {}", mode.reason());
            log.warn("**************************************************************************************");
        } else {
            log.info("Bitcoin node {} and LND {}:{}", bitcoin.url(), lnd.host(), lnd.port());
        }
        return mode;
    }

    @Bean
    BitcoinNode bitcoinNode(NetworkMode mode, BitcoinRpcProperties properties) {
        return mode.simulated() ? new SimulatedBitcoinNode() : new BitcoinRpcNode(properties);
    }

    @Bean
    LightningNode lightningNode(NetworkMode mode, LndProperties properties, BitcoinProperties bitcoin) {
        return mode.simulated()
                ? new SimulatedLightningNode(Clock.systemUTC(), bitcoin.network())
                : new LndLightningNode(properties);
    }

    @Bean
    SimulatedPayments simulatedPayments(BitcoinNode bitcoinNode, LightningNode lightningNode) {
        return new SimulatedPayments(bitcoinNode, lightningNode);
    }

    @Bean
    InvoiceAddresses invoiceAddresses(
            MerchantRepository merchants,
            InvoiceAddressRepository addresses,
            BitcoinProperties bitcoin,
            LightningNode lightningNode) {
        return new InvoiceAddresses(merchants, addresses, bitcoin.network(), lightningNode);
    }

    @Bean
    LightningInvoices lightningInvoices(
            LightningNode lightningNode, NetworkMode mode, InvoiceLightningRepository invoices) {
        return new LightningInvoices(lightningNode, mode.lightningNodeId(), invoices, Clock.systemUTC());
    }
}
