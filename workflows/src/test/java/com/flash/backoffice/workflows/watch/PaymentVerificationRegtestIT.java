package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.chain.ChainPaymentQuery;
import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.chain.WatcherLeaseRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcNode;
import com.flash.backoffice.workflows.bitcoin.BitcoinRpcProperties;
import com.flash.backoffice.workflows.bitcoin.ChainNetwork;
import com.flash.backoffice.workflows.bitcoin.InvoiceAddresses;
import com.flash.backoffice.workflows.invoice.InvoiceActivitiesImpl;
import com.flash.backoffice.workflows.invoice.InvoiceRequest;
import com.flash.backoffice.workflows.invoice.InvoiceWorker;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflows;
import com.flash.backoffice.workflows.invoice.OutboxInvoiceEventPublisher;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.RegtestExtension;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
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

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestDatabase database;
    private static DSLContext dsl;
    private static MerchantRepository merchants;
    private static InvoiceRepository invoices;
    private static TestWorkflowEnvironment temporal;
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
        database = TestDatabase.migrated("payment_verification_regtest_it");
        dsl = database.dsl();
        merchants = new MerchantRepository(dsl);
        invoices = new InvoiceRepository(dsl);
        temporal = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        InvoiceWorker.register(
                temporal.newWorker(InvoiceWorkflow.TASK_QUEUE),
                new InvoiceActivitiesImpl(
                        invoices, new LedgerRepository(dsl), new OutboxInvoiceEventPublisher(invoices)));
        temporal.start();
        client = temporal.getWorkflowClient();
        bitcoin = new BitcoinRpcNode(new BitcoinRpcProperties(
                URI.create(net.btcdRpcUrl()), net.btcdRpcUser(), net.btcdRpcPassword(), net.btcdRpcCert()));
        lnd = new LndLightningNode(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
        NewMerchant values = NewMerchant.withDefaults("Regtest shop", "EUR");
        merchant = merchants.create(new NewMerchant(
                values.name(),
                values.defaultCurrency(),
                RegtestAccountKeys.vpub("flash regtest merchant"),
                null,
                SpeedPolicy.LOW_MEDIUM,
                values.invoiceExpiryMinutes(),
                values.monitoringMinutes(),
                values.paymentTolerancePct(),
                values.processingFeePct(),
                null,
                values.payoutSchedule()));
    }

    @AfterAll
    static void stopEverything() {
        if (temporal != null) {
            temporal.close();
        }
        if (lnd != null) {
            lnd.close();
        }
        if (database != null) {
            database.close();
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
        chainWatcher = chainWatcher(nodeId, "a");
        chainWatcher.pollOnce();
        Invoice invoice = startInvoice(250_000L, SpeedPolicy.LOW_MEDIUM);
        String address = allocateAddress(invoice);
        assertThat(address).startsWith("bcrt1q");

        String txid = net.customerSendOnChain(address, 250_000);

        Invoice seen = pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.PROCESSING);
        assertThat(seen.paidMsat()).isEqualTo(250_000_000L);
        assertThat(onlyPayment(invoice).paymentRef()).startsWith(txid + ":");
        assertThat(onlyPayment(invoice).confirmations()).isZero();

        net.mine(1);
        pollUntil(chainWatcher, invoice, i -> onlyPayment(i).confirmations() == 1);
        assertThat(invoices.findById(invoice.id()).orElseThrow().status())
                .as("LOW_MEDIUM needs 2 confirmations")
                .isEqualTo(InvoiceStatus.PROCESSING);

        net.mine(1);
        Invoice settled = pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(settled.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.NONE);
        assertThat(onlyPayment(invoice).confirmations()).isEqualTo(2);
        assertThat(settlementEntries(invoice)).isEqualTo(1);
    }

    @Test
    void a_partial_payment_then_the_rest_settles_the_invoice() {
        chainWatcher = chainWatcher("btcd-" + UUID.randomUUID(), "b");
        chainWatcher.pollOnce();
        Invoice invoice = startInvoice(300_000L, SpeedPolicy.MEDIUM);
        String address = allocateAddress(invoice);

        net.customerSendOnChain(address, 100_000);
        Invoice partial = pollUntil(chainWatcher, invoice, i -> i.paidMsat() == 100_000_000L);
        assertThat(partial.status()).isEqualTo(InvoiceStatus.NEW);
        assertThat(partial.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.PAID_PARTIAL);

        net.customerSendOnChain(address, 200_000);
        Invoice full = pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.PROCESSING);
        assertThat(full.paidMsat()).isEqualTo(300_000_000L);
        assertThat(full.additionalStatus()).isEqualTo(InvoiceAdditionalStatus.NONE);

        net.mine(1);
        Invoice settled = pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(settled.paidMsat()).isEqualTo(300_000_000L);
        assertThat(invoices.findPayments(invoice.id())).hasSize(2);
        assertThat(settlementEntries(invoice)).isEqualTo(1);
    }

    @Test
    void a_lightning_invoice_paid_over_the_channel_settles_at_once() {
        String nodeId = "lnd-" + UUID.randomUUID();
        Invoice invoice = startInvoice(21_000L, SpeedPolicy.LOW);
        InvoiceLightning bolt11 = new LightningInvoices(
                        lnd, nodeId, new InvoiceLightningRepository(dsl), Clock.systemUTC())
                .create(invoice, "Flash invoice " + invoice.id())
                .orElseThrow();
        assertThat(bolt11.bolt11()).startsWith("lnbcrt210u");
        try (LightningWatcher watcher = new LightningWatcher(
                nodeId,
                lnd,
                new InvoiceLightningRepository(dsl),
                new WatcherCursorRepository(dsl),
                lease("lightning:" + nodeId, "c"),
                new TemporalPaymentSignals(client),
                Clock.systemUTC())) {
            watcher.pollOnce();

            net.customerPayInvoice(bolt11.bolt11());

            long deadline = System.nanoTime() + WAIT.toNanos();
            Invoice current = invoices.findById(invoice.id()).orElseThrow();
            while (current.status() != InvoiceStatus.SETTLED && System.nanoTime() < deadline) {
                watcher.pollOnce();
                sleep();
                current = invoices.findById(invoice.id()).orElseThrow();
            }
            assertThat(current.status()).isEqualTo(InvoiceStatus.SETTLED);
            assertThat(current.paidMsat()).isEqualTo(21_000_000L);
            assertThat(onlyPayment(invoice).method()).isEqualTo(PaymentMethod.BTC_LN);
            assertThat(settlementEntries(invoice)).isEqualTo(1);
            assertThat(new WatcherCursorRepository(dsl).settleIndex(nodeId)).isPresent();
        }
    }

    @Test
    void a_restarted_chain_watcher_counts_blocks_mined_while_it_was_down_exactly_once() {
        String nodeId = "btcd-" + UUID.randomUUID();
        ChainWatcher before = chainWatcher(nodeId, "before-restart");
        before.pollOnce();
        before.close();
        Invoice invoice = startInvoice(150_000L, SpeedPolicy.LOW_MEDIUM);
        String address = allocateAddress(invoice);

        String txid = net.customerSendOnChain(address, 150_000);
        RegtestNetwork.waitFor(
                "tx " + txid + " in btcd mempool",
                WAIT,
                () -> bitcoin.mempoolTransactionIds().contains(txid));
        net.mine(2);
        chainWatcher = chainWatcher(nodeId, "after-restart");

        Invoice settled = pollUntil(chainWatcher, invoice, i -> i.status() == InvoiceStatus.SETTLED);
        int revision = settled.revision();
        for (int i = 0; i < 3; i++) {
            chainWatcher.pollOnce();
        }

        assertThat(settled.paidMsat()).isEqualTo(150_000_000L);
        assertThat(onlyPayment(invoice).confirmations()).isEqualTo(2);
        assertThat(settlementEntries(invoice)).isEqualTo(1);
        assertThat(invoices.findById(invoice.id()).orElseThrow().revision()).isEqualTo(revision);
        assertThat(new WatcherCursorRepository(dsl)
                        .chainCursor(nodeId)
                        .orElseThrow()
                        .height())
                .isEqualTo(bitcoin.blockCount());
    }

    private ChainWatcher chainWatcher(String nodeId, String owner) {
        return new ChainWatcher(
                nodeId,
                bitcoin,
                new InvoiceAddressRepository(dsl),
                new ChainPaymentQuery(dsl),
                new WatcherCursorRepository(dsl),
                lease("chain:" + nodeId, owner),
                new TemporalPaymentSignals(client),
                Clock.systemUTC(),
                50);
    }

    private static WatcherLease lease(String name, String owner) {
        return new WatcherLease(
                new WatcherLeaseRepository(dsl), name, owner, Duration.ofSeconds(30), Clock.systemUTC());
    }

    private static Invoice startInvoice(long sats, SpeedPolicy policy) {
        Instant now = UtcTimestamps.now();
        Instant expiresAt = now.plus(Duration.ofMinutes(15));
        Invoice invoice = invoices.create(new NewInvoice(
                merchant.id(),
                sats * 1000,
                "BTC",
                null,
                null,
                null,
                "{}",
                policy,
                0,
                NewInvoice.basisPoints(new BigDecimal("1.00")),
                now,
                expiresAt,
                expiresAt.plus(Duration.ofHours(24))));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice));
        return invoice;
    }

    private static String allocateAddress(Invoice invoice) {
        InvoiceAddress address = new InvoiceAddresses(
                        merchants, new InvoiceAddressRepository(dsl), ChainNetwork.REGTEST)
                .allocate(invoice.id(), invoice.merchantId())
                .orElseThrow();
        return address.address();
    }

    private static Invoice pollUntil(ChainWatcher watcher, Invoice invoice, Predicate<Invoice> condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            watcher.pollOnce();
            Invoice current = invoices.findById(invoice.id()).orElseThrow();
            if (condition.test(current)) {
                return current;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(
                        "timed out; invoice is " + current + ", payments " + invoices.findPayments(invoice.id()));
            }
            sleep();
        }
    }

    private static InvoicePayment onlyPayment(Invoice invoice) {
        List<InvoicePayment> payments = invoices.findPayments(invoice.id());
        assertThat(payments).hasSize(1);
        return payments.get(0);
    }

    private static int settlementEntries(Invoice invoice) {
        return dsl.fetchCount(
                dsl.selectFrom("ledger_entry").where("source_key = ?", "invoice-" + invoice.id() + "-settlement"));
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
