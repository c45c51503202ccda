package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.chain.ChainPaymentQuery;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.chain.WatcherLeaseRepository;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.workflows.bitcoin.BitcoinNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.bitcoin.InvoiceAddresses;
import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import com.flash.backoffice.workflows.suspense.AddressCustody;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.nio.file.Path;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Which nodes the application gets for which configuration, and when the watchers exist. */
class NodeConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(NodeConfiguration.class, WatcherConfiguration.class)
            .withBean(MerchantRepository.class, () -> mock(MerchantRepository.class))
            .withBean(InvoiceAddressRepository.class, () -> mock(InvoiceAddressRepository.class))
            .withBean(InvoiceLightningRepository.class, () -> mock(InvoiceLightningRepository.class))
            .withBean(CardTopUps.class, () -> mock(CardTopUps.class))
            .withBean(ChainPaymentQuery.class, () -> mock(ChainPaymentQuery.class))
            .withBean(WatcherCursorRepository.class, () -> mock(WatcherCursorRepository.class))
            .withBean(WatcherLeaseRepository.class, () -> mock(WatcherLeaseRepository.class))
            .withBean(WorkflowClient.class, () -> mock(WorkflowClient.class))
            .withBean(
                    AfterMonitoringReceipts.class,
                    () -> new AfterMonitoringReceipts(
                            DSL.using(SQLDialect.MARIADB), new AddressCustody(mock(InvoiceAddressRepository.class))));

    @Test
    void with_no_node_configured_the_start_is_refused_with_every_missing_setting_named() {
        context.run(app -> assertThat(app)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("No Bitcoin node and no LND configured")
                .hasMessageContaining("FLASH_BITCOIN_RPC_URL")
                .hasMessageContaining("FLASH_LND_HOST")
                .hasMessageContaining("FLASH_LND_MACAROON_PATH")
                .hasMessageContaining("FLASH_NETWORK_SIMULATED=true"));
    }

    @Test
    void the_simulated_network_runs_only_when_selected_and_is_announced() {
        context.withPropertyValues("flash.network.simulated=true").run(app -> {
            assertThat(app).hasNotFailed();
            assertThat(app.getBean(NetworkMode.class).simulated()).isTrue();
            assertThat(app.getBean(NetworkMode.class).reason()).contains("flash.network.simulated=true");
            assertThat(app.getBean(BitcoinNode.class)).isInstanceOf(SimulatedBitcoinNode.class);
            assertThat(app.getBean(LightningNode.class)).isInstanceOf(SimulatedLightningNode.class);
            assertThat(app).hasSingleBean(InvoiceAddresses.class).hasSingleBean(LightningInvoices.class);
            assertThat(app.getBean(SimulatedPayments.class).available()).isTrue();
        });
    }

    @Test
    void the_simulated_network_can_be_forced_even_with_nodes_configured() {
        context.withPropertyValues(
                        "flash.network.simulated=true",
                        "flash.bitcoin.rpc.url=http://127.0.0.1:8332",
                        "flash.lnd.host=127.0.0.1")
                .run(app -> assertThat(app.getBean(BitcoinNode.class)).isInstanceOf(SimulatedBitcoinNode.class));
    }

    @Test
    void the_simulated_network_is_refused_under_the_prod_profile() {
        context.withPropertyValues("spring.profiles.active=prod", "flash.network.simulated=true")
                .run(app ->
                        assertThat(app).hasFailed().getFailure().rootCause().hasMessageContaining("development only"));
    }

    @Test
    void a_bitcoin_node_without_lnd_is_refused_with_the_missing_settings_named() {
        context.withPropertyValues("flash.bitcoin.rpc.url=http://127.0.0.1:8332")
                .run(app ->
                        assertThat(app).hasFailed().getFailure().rootCause().hasMessageContaining("FLASH_LND_HOST"));
    }

    @Test
    void lnd_without_its_certificate_and_macaroon_is_refused() {
        context.withPropertyValues("flash.bitcoin.rpc.url=http://127.0.0.1:8332", "flash.lnd.host=127.0.0.1")
                .run(app -> assertThat(app)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("FLASH_LND_MACAROON_PATH"));
    }

    @Test
    void with_both_nodes_configured_the_real_network_is_chosen_under_the_configured_node_ids() {
        NetworkMode mode = NetworkMode.decide(
                new NetworkProperties(false),
                new BitcoinRpcProperties(URI.create("http://127.0.0.1:8332"), "flash", "secret", null),
                new LndProperties("127.0.0.1", 10009, Path.of("tls.cert"), Path.of("admin.macaroon")),
                new WatcherProperties(true, null, null, "core-1", "lnd-1", 0));

        assertThat(mode.simulated()).isFalse();
        assertThat(mode.bitcoinNodeId()).isEqualTo("core-1");
        assertThat(mode.lightningNodeId()).isEqualTo("lnd-1");
    }

    @Test
    void node_settings_bind_from_properties_and_the_password_is_not_printed() {
        context.withPropertyValues(
                        "flash.network.simulated=true",
                        "flash.bitcoin.rpc.url=https://127.0.0.1:18334",
                        "flash.bitcoin.rpc.user=flash",
                        "flash.bitcoin.rpc.password=secret",
                        "flash.bitcoin.rpc.tls-cert-path=/etc/btcd/rpc.cert",
                        "flash.lnd.host=127.0.0.1",
                        "flash.lnd.port=10009",
                        "flash.lnd.tls-cert-path=/etc/lnd/tls.cert",
                        "flash.lnd.macaroon-path=/etc/lnd/invoice.macaroon")
                .run(app -> {
                    BitcoinRpcProperties rpc = app.getBean(BitcoinRpcProperties.class);
                    assertThat(rpc.url()).hasToString("https://127.0.0.1:18334");
                    assertThat(rpc.password()).isEqualTo("secret");
                    assertThat(rpc.tlsCertPath()).isEqualTo(Path.of("/etc/btcd/rpc.cert"));
                    assertThat(rpc.toString()).doesNotContain("secret");
                    LndProperties lnd = app.getBean(LndProperties.class);
                    assertThat(lnd.port()).isEqualTo(10009);
                    assertThat(lnd.macaroonPath()).isEqualTo(Path.of("/etc/lnd/invoice.macaroon"));
                });
    }

    @Test
    void empty_environment_placeholders_count_as_not_configured() {
        String[] empty = {
            "flash.bitcoin.rpc.url=",
            "flash.bitcoin.rpc.tls-cert-path=",
            "flash.lnd.host=",
            "flash.lnd.tls-cert-path=",
            "flash.lnd.macaroon-path="
        };
        context.withPropertyValues(empty)
                .run(app -> assertThat(app)
                        .hasFailed()
                        .getFailure()
                        .rootCause()
                        .hasMessageContaining("No Bitcoin node and no LND configured"));
        context.withPropertyValues(empty)
                .withPropertyValues("flash.network.simulated=true")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    assertThat(app.getBean(NetworkMode.class).simulated()).isTrue();
                    assertThat(app.getBean(BitcoinRpcProperties.class).tlsCertPath())
                            .isNull();
                    assertThat(app.getBean(LndProperties.class).macaroonPath()).isNull();
                });
    }

    /** The portal scans for configuration properties as well; the records must not be registered twice. */
    @org.springframework.boot.context.properties.ConfigurationPropertiesScan("com.flash.backoffice.workflows")
    static class ScanningApplication {}

    @Test
    void an_application_that_scans_for_configuration_properties_starts_too() {
        context.withUserConfiguration(ScanningApplication.class)
                .withPropertyValues("flash.network.simulated=true")
                .run(app -> {
                    assertThat(app).hasNotFailed();
                    assertThat(app).hasSingleBean(BitcoinRpcProperties.class).hasSingleBean(LndProperties.class);
                });
    }

    @Test
    void watchers_exist_only_when_enabled() {
        context.withPropertyValues("flash.network.simulated=true")
                .run(app -> assertThat(app).doesNotHaveBean(ChainWatcher.class).doesNotHaveBean(WatcherRunner.class));
        context.withPropertyValues(
                        "flash.network.simulated=true",
                        "flash.watchers.enabled=true",
                        "flash.watchers.poll-interval=50ms")
                .run(app -> {
                    assertThat(app).hasSingleBean(ChainWatcher.class).hasSingleBean(LightningWatcher.class);
                    assertThat(app.getBean(WatcherRunner.class).isRunning()).isTrue();
                    assertThat(app.getBean(PaymentSignals.class)).isInstanceOf(TemporalPaymentSignals.class);
                });
    }
}
