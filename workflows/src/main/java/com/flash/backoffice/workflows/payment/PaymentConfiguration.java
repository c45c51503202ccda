package com.flash.backoffice.workflows.payment;

import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.workflows.bitcoin.BitcoinProperties;
import com.flash.backoffice.workflows.lightning.LightningNode;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The payment feature: destination checks on Flash's node and network, the Lightning path, and the seams the
 * Lightning-address/LNURL resolver and the on-chain payer replace ({@link DestinationResolver}, {@link
 * OnchainPayer}). Register {@link PaymentActivities} on a worker with {@link PaymentWorker}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PaymentProperties.class)
public class PaymentConfiguration {

    @Bean
    PaymentDestinations paymentDestinations(LightningNode lightningNode, BitcoinProperties bitcoin) {
        return new NodePaymentDestinations(lightningNode, bitcoin.network(), Clock.systemUTC());
    }

    @Bean
    DestinationResolver destinationResolver() {
        return new Bolt11OnlyResolver();
    }

    @Bean
    OnchainPayer onchainPayer() {
        return new UnsupportedOnchainPayer();
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
