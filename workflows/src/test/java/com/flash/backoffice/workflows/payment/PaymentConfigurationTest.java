package com.flash.backoffice.workflows.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.payment.BatchCustody;
import com.flash.backoffice.db.payment.PaymentBatchRepository;
import com.flash.backoffice.db.payment.PaymentRepository;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import com.flash.backoffice.workflows.watch.NodeConfiguration;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The payment feature's beans on the nodes of the application (here the development network). */
class PaymentConfigurationTest {

    /** Never connected: the beans are built, nothing is queried. */
    private static final DSLContext UNCONNECTED = DSL.using(SQLDialect.MARIADB);

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(NodeConfiguration.class, PaymentConfiguration.class)
            .withPropertyValues("flash.network.simulated=true")
            .withBean(MerchantRepository.class, () -> new MerchantRepository(UNCONNECTED))
            .withBean(InvoiceAddressRepository.class, () -> new InvoiceAddressRepository(UNCONNECTED))
            .withBean(InvoiceLightningRepository.class, () -> new InvoiceLightningRepository(UNCONNECTED))
            .withBean(PaymentRepository.class, () -> new PaymentRepository(UNCONNECTED))
            .withBean(PaymentBatchRepository.class, () -> new PaymentBatchRepository(UNCONNECTED));

    @Test
    void the_payment_activity_and_its_seams_are_wired_on_the_configured_node() {
        context.withPropertyValues("flash.bitcoin.network=REGTEST").run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app).hasSingleBean(PaymentActivities.class).hasSingleBean(PaymentDestinations.class);
            assertThat(app.getBean(DestinationResolver.class)).isInstanceOf(LnurlDestinationResolver.class);
            assertThat(app.getBean(OnchainPayer.class)).isInstanceOf(BatchedOnchainPayer.class);
            assertThat(app.getBean(OnchainWallet.class)).isInstanceOf(SimulatedOnchainWallet.class);
            SimulatedLightningNode node = app.getBean(SimulatedLightningNode.class);
            PaymentDestinations destinations = app.getBean(PaymentDestinations.class);
            assertThat(destinations.problem(node.foreignInvoice(1_000, Duration.ofMinutes(5)), 1_000))
                    .isEmpty();
            assertThat(app.getBean(PaymentProperties.class)).isEqualTo(PaymentProperties.defaults());
        });
    }

    @Test
    void lightning_address_resolution_on_chain_depth_and_batching_are_configurable() {
        context.withPropertyValues(
                        "flash.payment.lnurl.plain-http-hosts=127.0.0.1",
                        "flash.payment.onchain.confirmations=6",
                        "flash.payment.onchain.target-conf=2",
                        "flash.payment.onchain.batch-interval=5m",
                        "flash.payment.onchain.custody=COLD")
                .run(app -> {
                    assertThat(app.getBean(OnchainPaymentProperties.class).batchInterval())
                            .isEqualTo(Duration.ofMinutes(5));
                    assertThat(app.getBean(OnchainPaymentProperties.class).custody())
                            .isEqualTo(BatchCustody.COLD);
                    assertThat(app.getBean(OnchainPaymentProperties.class).batchMaxPayments())
                            .isEqualTo(250);
                    assertThat(app.getBean(LnurlPayProperties.class).plainHttpHosts())
                            .containsExactly("127.0.0.1");
                    assertThat(app.getBean(OnchainPaymentProperties.class).confirmations())
                            .isEqualTo(6);
                    assertThat(app.getBean(OnchainPaymentProperties.class).targetConf())
                            .isEqualTo(2);
                });
    }

    @Test
    void the_timeouts_are_configurable() {
        context.withPropertyValues("flash.payment.lightning-timeout=2m", "flash.payment.track-interval=3s")
                .run(app -> {
                    assertThat(app.getBean(PaymentProperties.class).lightningTimeout())
                            .isEqualTo(Duration.ofMinutes(2));
                    assertThat(app.getBean(PaymentProperties.class).trackInterval())
                            .isEqualTo(Duration.ofSeconds(3));
                });
    }
}
