package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.workflows.bitcoin.BitcoinNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinProperties;
import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.watch.NetworkMode;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment feature: destination checks on Flash's node and network, the Lightning path, and the seams the
 * Lightning-address/LNURL resolver and the on-chain payer replace ({@link DestinationResolver}, {@link
 * OnchainPayer}). Register {@link PaymentActivities} on a worker with {@link PaymentWorker}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
    PaymentProperties.class,
    LnurlPayProperties.class,
    OnchainPaymentProperties.class,
    ColdTreasuryProperties.class
})
public class PaymentConfiguration {

    @Bean
    PaymentDestinations paymentDestinations(LightningNode lightningNode, BitcoinProperties bitcoin) {
        return new NodePaymentDestinations(lightningNode, bitcoin.network(), Clock.systemUTC());
    }

    @Bean
    LnurlPayResolver lnurlPayResolver(LnurlPayProperties properties, LightningNode lightningNode) {
        return new LnurlPayResolver(properties, bolt11 -> {
            DecodedInvoice invoice = lightningNode.decode(bolt11);
            return new DecodedBolt11(invoice.amountMsat(), invoice.descriptionHash());
        });
    }

    @Bean
    DestinationResolver destinationResolver(LnurlPayResolver lnurl) {
        return new LnurlDestinationResolver(lnurl);
    }

    /** Flash's LND wallet, or the simulated chain's wallet in development (the simulated node bean itself). */
    @Bean
    OnchainWallet onchainWallet(NetworkMode mode, LndProperties lnd, BitcoinNode bitcoinNode) {
        return mode.simulated()
                ? new SimulatedOnchainWallet((SimulatedBitcoinNode) bitcoinNode)
                : new LndOnchainWallet(lnd);
    }

    /**
     * The cold treasury on Flash's LND ({@code flash.payment.cold.enabled=true}); its watch-only account is
     * imported at start-up when missing. There is no simulated one: the simulated network has no PSBTs.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnProperty(prefix = "flash.payment.cold", name = "enabled", havingValue = "true")
    LndColdTreasury coldTreasury(
            NetworkMode mode,
            LndProperties lnd,
            ColdTreasuryProperties properties,
            BitcoinProperties bitcoin,
            OnchainWallet wallet) {
        if (mode.simulated()) {
            throw new IllegalStateException("flash.payment.cold.enabled needs Flash's LND (flash.lnd.*): the"
                    + " simulated network has no cold treasury");
        }
        LndColdTreasury treasury = new LndColdTreasury(lnd, properties, bitcoin.network(), wallet);
        treasury.ensureAccount();
        return treasury;
    }

    @Bean
    OnchainPayer onchainPayer(
            PaymentRepository payments,
            PaymentBatchRepository batches,
            OnchainWallet wallet,
            BitcoinNode bitcoinNode,
            OnchainPaymentProperties properties) {
        return new BatchedOnchainPayer(
                payments, batches, wallet, new OnchainSendTracker(wallet, bitcoinNode), properties);
    }

    @Bean
    PaymentBatchActivities paymentBatchActivities(
            PaymentBatchRepository batches,
            OnchainWallet wallet,
            ObjectProvider<ColdTreasury> treasury,
            OnchainPaymentProperties properties) {
        return new PaymentBatchActivitiesImpl(batches, wallet, treasury.getIfAvailable(), properties);
    }

    @Bean
    LightningPayments lightningPayments(
            LightningNode lightningNode,
            PaymentRepository payments,
            PaymentDestinations destinations,
            DestinationResolver resolver,
            PaymentProperties properties) {
        return new LightningPayments(lightningNode, payments, destinations, resolver, properties);
    }

    @Bean
    PaymentActivities paymentActivities(
            PaymentRepository payments,
            PaymentDestinations destinations,
            LightningPayments lightning,
            OnchainPayer onchain) {
        return new PaymentActivitiesImpl(payments, destinations, lightning, onchain);
    }
}
