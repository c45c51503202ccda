package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.suspense.AddressCustody;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Payment verification end to end on real software: btcd and LND (regtest) through the production adapters
 * ({@link BitcoinRpcNode}, {@link LndLightningNode}), the watchers, the invoice workflow on a Temporal test server in
 * real time, and its real activities on MariaDB.
 */
@ExtendWith(RegtestExtension.class)
class PaymentVerificationRegtestIT {

    private static final Duration WAIT = RegtestInvoiceRig.WAIT;

    private static RegtestInvoiceRig rig;
    private static DSLContext dsl;
    private static InvoiceRepository invoices;
    private static WorkflowClient client;
    private static RegtestNetwork net;
    private static BitcoinRpcNode bitcoin;
    private static LndLightningNode lnd;
    private static Merchant merchant;

    private ChainWatcher chainWatcher;
    private long started;

    @BeforeAll
    static void startEverything(RegtestNetwork network) {
        net = network;
        rig = RegtestInvoiceRig.start(
                network, "payment_verification_regtest_it", "Regtest shop", "flash regtest merchant");
        dsl = rig.dsl();
        invoices = rig.invoices();
        client = rig.client();
        bitcoin = rig.bitcoin();
        merchant = rig.merchant();
        lnd = new LndLightningNode(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
    }

    @AfterAll
    static void stopEverything() {
        if (rig != null) {
            rig.close();
        }
        if (lnd != null) {
            lnd.close();
        }
    }

    @BeforeEach
    void startClock() {
        started = System.nanoTime();
    }

    @AfterEach
    void stop(TestInfo info) {
        if (chainWatcher != null) {
            chainWatcher.close();
        }
        System.out.printf("[regtest] %s took %.1f s%n", info.getDisplayName(), (System.nanoTime() - started) / 1e9);
    }

    @Test
    void an_on_chain_payment_is_seen_in_the_mempool_confirmed_block_by_block_and_settled() {
        String nodeId = "btcd-" + UUID.randomUUID();
        chainWatcher = rig.chainWatcher(nodeId, "a");
        chainWatcher.pollOnce();
        Invoice invoice = rig.startInvoice(250_000L, SpeedPolicy.LOW_MEDIUM);
        String address = rig.allocateAddress(invoice);
        assertThat(address).startsWith("bcrt1q");

        String txid = net.customerSendOnChain(address, 250_000);

        Invoice seen = rig.pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.PROCESSING);
        assertThat(seen.paidMsat()).isEqualTo(250_000_000L);
        assertThat(rig.onlyPayment(invoice).paymentRef()).startsWith(txid + ":");
        assertThat(rig.onlyPayment(invoice).confirmations()).isZero();

        net.mine(1);
        rig.pollUntil(chainWatcher, invoice, i -> rig.onlyPayment(i).confirmations() == 1);
        assertThat(invoices.findById(invoice.id()).orElseThrow().status())
                .as("LOW_MEDIUM needs 2 confirmations")
                .isEqualTo(InvoiceStatus.PROCESSING);

        net.mine(1);
        Invoice settled = rig.pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(settled.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.NONE);
        assertThat(rig.onlyPayment(invoice).confirmations()).isEqualTo(2);
        assertThat(rig.settlementEntries(invoice)).isEqualTo(1);
    }

    @Test
    void a_partial_payment_then_the_rest_settles_the_invoice() {
        chainWatcher = rig.chainWatcher("btcd-" + UUID.randomUUID(), "b");
        chainWatcher.pollOnce();
        Invoice invoice = rig.startInvoice(300_000L, SpeedPolicy.MEDIUM);
        String address = rig.allocateAddress(invoice);

        net.customerSendOnChain(address, 100_000);
        Invoice partial = rig.pollUntil(chainWatcher, invoice, i -> i.paidMsat() == 100_000_000L);
        assertThat(partial.status()).isEqualTo(InvoiceStatus.NEW);
        assertThat(partial.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_PARTIAL);

        net.customerSendOnChain(address, 200_000);
        Invoice full = rig.pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.PROCESSING);
        assertThat(full.paidMsat()).isEqualTo(300_000_000L);
        assertThat(full.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.NONE);

        net.mine(1);
        Invoice settled = rig.pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(settled.paidMsat()).isEqualTo(300_000_000L);
        assertThat(invoices.findPayments(invoice.id())).hasSize(2);
        assertThat(rig.settlementEntries(invoice)).isEqualTo(1);
    }

    @Test
    void a_lightning_invoice_paid_over_the_channel_settles_at_once() {
        String nodeId = "lnd-" + UUID.randomUUID();
        Invoice invoice = rig.startInvoice(21_000L, SpeedPolicy.LOW);
        InvoiceLightning bolt11 = new LightningInvoices(
                        lnd, nodeId, new InvoiceLightningRepository(dsl), Clock.systemUTC())
                .create(invoice, "Flash invoice " + invoice.id())
                .orElseThrow();
        assertThat(bolt11.bolt11()).startsWith("lnbcrt210u");
        try (LightningWatcher watcher = new LightningWatcher(
                nodeId,
                lnd,
                new InvoiceLightningRepository(dsl),
                new CardTopUps(dsl),
                new WatcherCursorRepository(dsl),
                rig.lease("lightning:" + nodeId, "c"),
                new TemporalPaymentSignals(
                        client,
                        new AfterMonitoringReceipts(dsl, new AddressCustody(new InvoiceAddressRepository(dsl)))),
                Clock.systemUTC())) {
            watcher.pollOnce();

            net.customerPayInvoice(bolt11.bolt11());

            long deadline = System.nanoTime() + WAIT.toNanos();
            Invoice current = invoices.findById(invoice.id()).orElseThrow();
            while (current.status() != InvoiceStatus.SETTLED && System.nanoTime() < deadline) {
                watcher.pollOnce();
                RegtestInvoiceRig.pause();
                current = invoices.findById(invoice.id()).orElseThrow();
            }
            assertThat(current.status()).isEqualTo(InvoiceStatus.SETTLED);
            assertThat(current.paidMsat()).isEqualTo(21_000_000L);
            assertThat(rig.onlyPayment(invoice).method()).isEqualTo(PaymentMethod.BTC_LN);
            assertThat(rig.settlementEntries(invoice)).isEqualTo(1);
            assertThat(new WatcherCursorRepository(dsl).settleIndex(nodeId)).isPresent();
        }
    }

    @Test
    void a_restarted_chain_watcher_counts_blocks_mined_while_it_was_down_exactly_once() {
        String nodeId = "btcd-" + UUID.randomUUID();
        ChainWatcher before = rig.chainWatcher(nodeId, "before-restart");
        before.pollOnce();
        before.close();
        Invoice invoice = rig.startInvoice(150_000L, SpeedPolicy.LOW_MEDIUM);
        String address = rig.allocateAddress(invoice);

        String txid = net.customerSendOnChain(address, 150_000);
        RegtestNetwork.waitFor(
                "tx " + txid + " in btcd mempool",
                WAIT,
                () -> bitcoin.mempoolTransactionIds().contains(txid));
        net.mine(2);
        chainWatcher = rig.chainWatcher(nodeId, "after-restart");

        Invoice settled = rig.pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        int revision = settled.revision();
        for (int i = 0; i < 3; i++) {
            chainWatcher.pollOnce();
        }

        assertThat(settled.paidMsat()).isEqualTo(150_000_000L);
        assertThat(rig.onlyPayment(invoice).confirmations()).isEqualTo(2);
        assertThat(rig.settlementEntries(invoice)).isEqualTo(1);
        assertThat(invoices.findById(invoice.id()).orElseThrow().revision()).isEqualTo(revision);
        assertThat(new WatcherCursorRepository(dsl)
                        .chainCursor(nodeId)
                        .orElseThrow()
                        .height())
                .isEqualTo(bitcoin.blockCount());
    }
}
