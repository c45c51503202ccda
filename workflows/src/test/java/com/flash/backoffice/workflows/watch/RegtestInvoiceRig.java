package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.chain.ChainPaymentQuery;
import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.chain.WatcherLeaseRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.OnchainCustody;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
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
import com.flash.backoffice.workflows.lightning.LndLightningNode;
import com.flash.backoffice.workflows.lightning.LndProperties;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import com.flash.backoffice.workflows.suspense.AddressCustody;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;
import org.jooq.DSLContext;

/**
 * What the regtest payment tests share: a migrated database, the invoice workflow with its real activities on a
 * Temporal test server in real time, the production {@link BitcoinRpcNode} on the harness's btcd, and a merchant
 * with a regtest watch-only key (LOW_MEDIUM: settled at 2 confirmations).
 */
final class RegtestInvoiceRig implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(60);

    private final TestDatabase database;
    private final DSLContext dsl;
    private final MerchantRepository merchants;
    private final InvoiceRepository invoices;
    private final TestWorkflowEnvironment temporal;
    private final BitcoinRpcNode bitcoin;
    private final Merchant merchant;
    private final LndLightningNode flashNode;

    private RegtestInvoiceRig(
            RegtestNetwork net, String databaseName, String merchantName, String keySeed, OnchainCustody custody) {
        database = TestDatabase.migrated(databaseName);
        dsl = database.dsl();
        merchants = new MerchantRepository(dsl);
        invoices = new InvoiceRepository(dsl);
        temporal = TestWorkflowEnvironment.newInstance(
                TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        InvoiceWorker.register(
                temporal.newWorker(InvoiceWorkflow.TASK_QUEUE),
                new InvoiceActivitiesImpl(
                        invoices, dsl, new OutboxInvoiceEventPublisher(invoices), new FinanceNoticeRepository(dsl)));
        temporal.start();
        bitcoin = new BitcoinRpcNode(new BitcoinRpcProperties(
                URI.create(net.btcdRpcUrl()), net.btcdRpcUser(), net.btcdRpcPassword(), net.btcdRpcCert()));
        NewMerchant values = NewMerchant.withDefaults(merchantName, "EUR");
        merchant = merchants.create(new NewMerchant(
                values.name(),
                values.defaultCurrency(),
                RegtestAccountKeys.vpub(keySeed),
                null,
                SpeedPolicy.LOW_MEDIUM,
                values.invoiceExpiryMinutes(),
                values.monitoringMinutes(),
                values.paymentTolerancePct(),
                values.processingFeePct(),
                null,
                values.payoutSchedule(),
                custody));
        flashNode = new LndLightningNode(new LndProperties(
                net.merchant().host(),
                net.merchant().grpcPort(),
                net.merchant().tlsCert(),
                net.merchant().adminMacaroon()));
    }

    static RegtestInvoiceRig start(RegtestNetwork net, String databaseName, String merchantName, String keySeed) {
        return start(net, databaseName, merchantName, keySeed, OnchainCustody.MERCHANT_WALLET);
    }

    /** {@code custody} FLASH_WALLET: the merchant-side LND plays Flash's node, its wallet gives the addresses. */
    static RegtestInvoiceRig start(
            RegtestNetwork net, String databaseName, String merchantName, String keySeed, OnchainCustody custody) {
        return new RegtestInvoiceRig(net, databaseName, merchantName, keySeed, custody);
    }

    DSLContext dsl() {
        return dsl;
    }

    InvoiceRepository invoices() {
        return invoices;
    }

    WorkflowClient client() {
        return temporal.getWorkflowClient();
    }

    BitcoinRpcNode bitcoin() {
        return bitcoin;
    }

    Merchant merchant() {
        return merchant;
    }

    /** A BTC invoice of {@code sats}, 15 minutes to pay, monitored for a day, its workflow started. */
    Invoice startInvoice(long sats, SpeedPolicy policy) {
        return startInvoice(sats, policy, Duration.ofMinutes(15), Duration.ofHours(24));
    }

    /** A BTC invoice of {@code sats} that expires after {@code toPay} and is monitored {@code monitored} longer. */
    Invoice startInvoice(long sats, SpeedPolicy policy, Duration toPay, Duration monitored) {
        Invoice invoice = createInvoice(sats, policy, toPay, monitored);
        InvoiceWorkflows.start(client(), InvoiceRequest.of(invoice));
        return invoice;
    }

    /**
     * As the portal does it: the invoice, its address by the merchant's custody, then its workflow, which carries the
     * address's custody. Returns the invoice and its address.
     */
    InvoiceWithAddress startInvoiceWithAddress(long sats, SpeedPolicy policy, Duration expiry) {
        Invoice invoice = createInvoice(sats, policy, expiry, Duration.ofHours(24));
        InvoiceAddress address =
                invoiceAddresses().allocate(invoice.id(), invoice.merchantId()).orElseThrow();
        InvoiceWorkflows.start(client(), InvoiceRequest.of(invoice, address.custody()));
        return new InvoiceWithAddress(invoice, address);
    }

    record InvoiceWithAddress(Invoice invoice, InvoiceAddress address) {}

    private Invoice createInvoice(long sats, SpeedPolicy policy, Duration toPay, Duration monitored) {
        Instant now = UtcTimestamps.now();
        Instant expiresAt = now.plus(toPay);
        return invoices.create(new NewInvoice(
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
                expiresAt.plus(monitored)));
    }

    String allocateAddress(Invoice invoice) {
        return invoiceAddresses()
                .allocate(invoice.id(), invoice.merchantId())
                .orElseThrow()
                .address();
    }

    private InvoiceAddresses invoiceAddresses() {
        return new InvoiceAddresses(merchants, new InvoiceAddressRepository(dsl), ChainNetwork.REGTEST, flashNode);
    }

    ChainWatcher chainWatcher(String nodeId, String owner) {
        return new ChainWatcher(
                nodeId,
                bitcoin,
                new InvoiceAddressRepository(dsl),
                new ChainPaymentQuery(dsl),
                new WatcherCursorRepository(dsl),
                lease("chain:" + nodeId, owner),
                paymentSignals(),
                Clock.systemUTC(),
                50);
    }

    TemporalPaymentSignals paymentSignals() {
        return new TemporalPaymentSignals(
                client(), new AfterMonitoringReceipts(dsl, new AddressCustody(new InvoiceAddressRepository(dsl))));
    }

    WatcherLease lease(String name, String owner) {
        return new WatcherLease(
                new WatcherLeaseRepository(dsl), name, owner, Duration.ofSeconds(30), Clock.systemUTC());
    }

    /** Polls the watcher until the stored invoice meets {@code condition}, or fails after {@link #WAIT}. */
    Invoice pollUntil(ChainWatcher watcher, Invoice invoice, Predicate<Invoice> condition) {
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
            pause();
        }
    }

    InvoicePayment onlyPayment(Invoice invoice) {
        List<InvoicePayment> payments = invoices.findPayments(invoice.id());
        assertThat(payments).hasSize(1);
        return payments.get(0);
    }

    int settlementEntries(Invoice invoice) {
        return dsl.fetchCount(
                dsl.selectFrom("ledger_entry").where("source_key = ?", "invoice-" + invoice.id() + "-settlement"));
    }

    static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        flashNode.close();
        temporal.close();
        database.close();
    }
}
