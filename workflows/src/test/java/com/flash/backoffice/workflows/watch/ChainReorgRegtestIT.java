package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.flash.backoffice.db.chain.ChainPaymentQuery;
import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.chain.WatcherLeaseRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.invoice.PaymentStatus;
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
import com.flash.backoffice.workflows.regtest.BtcdPeer;
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
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Reorgs on real software: a second btcd ({@link BtcdPeer}) mines a longer chain while disconnected from the
 * network's node, then reconnects, and the node the watcher follows (through the production {@link BitcoinRpcNode})
 * switches to it. btcd 0.24 has no {@code invalidateblock}. The invoice workflow runs on a Temporal test server in
 * real time with its real activities on MariaDB. Payments are signed by the harness's key
 * ({@link RegtestNetwork#signCoinbaseSpend}), so that a double spend can be built and the LND wallets are not touched.
 */
@ExtendWith(RegtestExtension.class)
class ChainReorgRegtestIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private static TestDatabase database;
    private static DSLContext dsl;
    private static MerchantRepository merchants;
    private static InvoiceRepository invoices;
    private static TestWorkflowEnvironment temporal;
    private static WorkflowClient client;
    private static RegtestNetwork net;
    private static BitcoinRpcNode bitcoin;
    private static Merchant merchant;

    private ChainWatcher watcher;
    private BtcdPeer peer;

    @BeforeAll
    static void startEverything(RegtestNetwork network) {
        net = network;
        database = TestDatabase.migrated("chain_reorg_regtest_it");
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
        NewMerchant values = NewMerchant.withDefaults("Reorg shop", "EUR");
        merchant = merchants.create(new NewMerchant(
                values.name(),
                values.defaultCurrency(),
                RegtestAccountKeys.vpub("flash regtest reorg merchant"),
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
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void startPeerAndWatcher() throws Exception {
        peer = net.startPeer("reorg-peer-" + UUID.randomUUID().toString().substring(0, 8));
        peer.disconnect();
        String nodeId = "btcd-" + UUID.randomUUID();
        watcher = new ChainWatcher(
                nodeId,
                bitcoin,
                new InvoiceAddressRepository(dsl),
                new ChainPaymentQuery(dsl),
                new WatcherCursorRepository(dsl),
                new WatcherLease(
                        new WatcherLeaseRepository(dsl),
                        "chain:" + nodeId,
                        "reorg-it",
                        Duration.ofSeconds(30),
                        Clock.systemUTC()),
                new TemporalPaymentSignals(client),
                Clock.systemUTC(),
                50);
        watcher.pollOnce();
    }

    @AfterEach
    void stopPeerAndWatcher() {
        if (watcher != null) {
            watcher.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    @Test
    void a_payment_whose_block_leaves_the_chain_goes_back_to_0_confirmations_and_counts_once_when_mined_again() {
        Invoice invoice = startInvoice(200_000L);
        RegtestNetwork.SignedTransaction payment = net.signCoinbaseSpend(allocateAddress(invoice), 200_000);
        send(payment);
        pollUntil(invoice, i -> i.status() == InvoiceStatus.PROCESSING);

        String staleBlock = net.mine(1).get(0);
        pollUntil(invoice, i -> confirmations(i) == 1);

        peer.mine(2); // a longer chain without the payment
        peer.reconnect();
        assertThat(bitcoin.blockHash(bitcoin.blockCount() - 1)).isNotEqualTo(staleBlock);
        RegtestNetwork.waitFor(
                "the payment back in the mempool",
                WAIT,
                () -> bitcoin.mempoolTransactionIds().contains(payment.txid()));

        ChainPollResult reorg = watcher.pollOnce();
        assertThat(reorg.reorgs()).as("detected by hash").isEqualTo(1);
        Invoice unconfirmed = pollUntil(invoice, i -> confirmations(i) == 0);
        assertThat(unconfirmed.status())
                .as("still paid in full, waiting for confirmations")
                .isEqualTo(InvoiceStatus.PROCESSING);
        assertThat(unconfirmed.paidMsat()).isEqualTo(200_000_000L);

        net.mine(2);
        Invoice settled = pollUntil(invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(settled.paidMsat()).as("counted once").isEqualTo(200_000_000L);
        assertThat(onlyPayment(invoice).confirmations()).isEqualTo(2);
        assertThat(settlementEntries(invoice)).isEqualTo(1);
    }

    /**
     * btcd cleans its mempool of transactions that conflict with a connected block only while it considers itself
     * current; during a reorg it is not, until the new tip: so the double spend goes in the peer's last block,
     * as it would often be on mainnet. (Bitcoin Core removes conflicts in every block.)
     */
    @Test
    void a_payment_double_spent_in_the_longer_chain_is_dropped_and_the_invoice_is_new_again_until_paid_again() {
        Invoice invoice = startInvoice(200_000L);
        String address = allocateAddress(invoice);
        RegtestNetwork.SignedTransaction payment = net.signCoinbaseSpend(address, 200_000);
        RegtestNetwork.SignedTransaction doubleSpend = net.signDoubleSpend(payment, net.minerAddress(), 200_000);
        send(payment);
        net.mine(1);
        pollUntil(invoice, i -> confirmations(i) == 1);

        peer.mine(1); // a longer chain in which the payment's coin goes elsewhere
        peer.sendRawTransaction(doubleSpend.hex());
        peer.mine(1);
        assertThat(peer.mempool()).as("the double spend is mined on the peer").doesNotContain(doubleSpend.txid());
        peer.reconnect();

        Invoice dropped = pollUntil(invoice, i -> i.status() == InvoiceStatus.NEW);
        assertThat(dropped.paidMsat()).isZero();
        assertThat(onlyPayment(invoice).status()).isEqualTo(PaymentStatus.DROPPED);

        RegtestNetwork.SignedTransaction again = net.signCoinbaseSpend(address, 200_000);
        send(again);
        net.mine(2);
        Invoice settled = pollUntil(invoice, i -> i.status() == InvoiceStatus.SETTLED);
        assertThat(settled.paidMsat())
                .as("only the payment on the chain counts")
                .isEqualTo(200_000_000L);
        assertThat(invoices.findPayments(invoice.id()))
                .extracting(p -> p.paymentRef().substring(0, 64), InvoicePayment::status)
                .containsExactlyInAnyOrder(
                        tuple(payment.txid(), PaymentStatus.DROPPED), tuple(again.txid(), PaymentStatus.CONFIRMED));
        assertThat(settlementEntries(invoice)).isEqualTo(1);
    }

    /** Sends to the network's node (the one the watcher follows) and waits until it is in its mempool. */
    private static void send(RegtestNetwork.SignedTransaction tx) {
        net.bitcoinRpc().sendRawTransaction(tx.hex());
        RegtestNetwork.waitFor(
                tx.txid() + " in the mempool",
                WAIT,
                () -> bitcoin.mempoolTransactionIds().contains(tx.txid()));
    }

    private static Invoice startInvoice(long sats) {
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
                SpeedPolicy.LOW_MEDIUM,
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

    private Invoice pollUntil(Invoice invoice, Predicate<Invoice> condition) {
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

    /** The confirmations of the invoice's only payment; -1 until its workflow has recorded one. */
    private static int confirmations(Invoice invoice) {
        List<InvoicePayment> payments = invoices.findPayments(invoice.id());
        return payments.size() == 1 ? payments.get(0).confirmations() : -1;
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
