package com.flash.backoffice.workflows.watch;

import static com.flash.backoffice.db.jooq.Tables.LEDGER_ENTRY;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.chain.ChainPaymentQuery;
import com.flash.backoffice.db.chain.InvoiceAddress;
import com.flash.backoffice.db.chain.InvoiceAddressRepository;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.chain.WatcherLeaseRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.suspense.SuspenseKind;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.db.suspense.SuspenseReceiptRepository;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import com.flash.backoffice.workflows.invoice.PaymentObserved;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import com.flash.backoffice.workflows.suspense.AddressCustody;
import com.flash.backoffice.workflows.suspense.AfterMonitoringReceipts;
import io.temporal.testing.TestWorkflowEnvironment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Payments to invoices whose workflow has ended (no execution runs on the Temporal test server): the watchers keep
 * matching closed invoices' addresses, and such a payment becomes one suspense receipt, booked to the suspense
 * account on a custodial rail only, however often it is seen.
 */
class PaymentsAfterMonitoringIT {

    private static TestDatabase database;
    private static DSLContext dsl;
    private static TestWorkflowEnvironment temporal;
    private static MerchantRepository merchants;
    private static InvoiceRepository invoices;
    private static InvoiceAddressRepository addresses;
    private static SuspenseReceiptRepository receipts;
    private static LedgerRepository ledger;

    private final SimulatedBitcoinNode chain = new SimulatedBitcoinNode();
    private final SimulatedLightningNode lightning = new SimulatedLightningNode();
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger signalsLogger = (Logger) LoggerFactory.getLogger(TemporalPaymentSignals.class);
    private PaymentSignals signals;
    private String nodeId;
    private Merchant merchant;
    private ChainWatcher chainWatcher;
    private LightningWatcher lightningWatcher;

    @BeforeAll
    static void start() {
        database = TestDatabase.migrated("payments_after_monitoring_it");
        dsl = database.dsl();
        temporal = TestWorkflowEnvironment.newInstance();
        merchants = new MerchantRepository(dsl);
        invoices = new InvoiceRepository(dsl);
        addresses = new InvoiceAddressRepository(dsl);
        receipts = new SuspenseReceiptRepository(dsl);
        ledger = new LedgerRepository(dsl);
    }

    @AfterAll
    static void stop() {
        temporal.close();
        database.close();
    }

    @BeforeEach
    void setUp() {
        nodeId = "sim-" + UUID.randomUUID();
        merchant = merchants.create(NewMerchant.withDefaults("Closed shop " + UUID.randomUUID(), "EUR"));
        signals = new TemporalPaymentSignals(
                temporal.getWorkflowClient(),
                new AfterMonitoringReceipts(dsl, new AddressCustody(new InvoiceAddressRepository(dsl))));
        log.start();
        signalsLogger.addAppender(log);
        chain.mine(3);
    }

    @AfterEach
    void tearDown() {
        signalsLogger.detachAppender(log);
        if (chainWatcher != null) {
            chainWatcher.close();
        }
        if (lightningWatcher != null) {
            lightningWatcher.close();
        }
    }

    @Test
    void a_payment_to_a_closed_invoices_address_is_one_note_in_suspense_and_no_entry() {
        Invoice closed = closedInvoiceWithAddress(
                "bcrt1qclosed" + UUID.randomUUID().toString().substring(0, 8));
        String address = addresses.findByInvoice(closed.id()).orElseThrow().address();
        chainWatcher = chainWatcher();
        chainWatcher.pollOnce();
        long suspenseBefore = suspenseBalance();

        String txid = chain.payTo(address, 125_000);
        chainWatcher.pollOnce();
        assertThat(receipts.findByKey("chain-" + txid + ":0"))
                .as("unconfirmed: not yet a receipt")
                .isEmpty();
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains(txid + ":0", "mempool"));

        chain.mine(1);
        chainWatcher.pollOnce();

        SuspenseReceipt receipt = receipts.findByKey("chain-" + txid + ":0").orElseThrow();
        assertThat(receipt.kind()).isEqualTo(SuspenseKind.AFTER_MONITORING);
        assertThat(receipt.custodial()).isFalse();
        assertThat(receipt.ledgerSourceKey()).isNull();
        assertThat(receipt.invoiceId()).isEqualTo(closed.id());
        assertThat(receipt.merchantId()).isEqualTo(merchant.id());
        assertThat(receipt.paymentMethod()).isEqualTo(PaymentMethod.BTC_CHAIN);
        assertThat(receipt.paymentRef()).isEqualTo(txid + ":0");
        assertThat(receipt.address()).isEqualTo(address);
        assertThat(receipt.amountMsat()).isEqualTo(125_000_000L);
        assertThat(warnings())
                .anySatisfy(line -> assertThat(line).contains(closed.id(), txid + ":0", "suspense receipt"));
        assertThat(entryExists("suspense-chain-" + txid + ":0")).isFalse();
        assertThat(suspenseBalance()).isEqualTo(suspenseBefore);
    }

    @Test
    void the_same_output_seen_again_after_a_reorg_or_a_restart_records_one_receipt() {
        Invoice closed = closedInvoiceWithAddress(
                "bcrt1qagain" + UUID.randomUUID().toString().substring(0, 8));
        String address = addresses.findByInvoice(closed.id()).orElseThrow().address();
        chainWatcher = chainWatcher();
        chainWatcher.pollOnce();
        String txid = chain.payTo(address, 50_000);
        chain.mine(1);
        chainWatcher.pollOnce();
        SuspenseReceipt first = receipts.findByKey("chain-" + txid + ":0").orElseThrow();

        chain.disconnect(1, true);
        chain.mine(2); // the transaction is mined again in the new branch
        chainWatcher.pollOnce();
        chainWatcher.close();
        signals.paymentSeen(closed.id(), PaymentObserved.onChain(txid + ":0", address, 50_000_000L, 3, false));

        assertThat(receipts.findByInvoice(closed.id())).containsExactly(first);
    }

    @Test
    void a_lightning_payment_to_an_invoice_whose_workflow_ended_is_booked_to_suspense_once() {
        Invoice invoice = invoice(Duration.ofMinutes(15), Duration.ofDays(1));
        InvoiceLightning bolt11 = new LightningInvoices(
                        lightning, nodeId, new InvoiceLightningRepository(dsl), Clock.systemUTC())
                .create(invoice, "ended")
                .orElseThrow();
        lightningWatcher = lightningWatcher();
        lightningWatcher.pollOnce();
        long suspenseBefore = suspenseBalance();
        long lightningAssetsBefore = balance(ChartOfAccounts.LIGHTNING_ASSETS.code());

        lightning.pay(bolt11.bolt11());
        lightningWatcher.pollOnce();
        signals.paymentSeen(invoice.id(), PaymentObserved.lightning(bolt11.paymentHash(), invoice.amountMsat()));

        SuspenseReceipt receipt =
                receipts.findByKey("ln-" + bolt11.paymentHash()).orElseThrow();
        assertThat(receipt.custodial()).isTrue();
        assertThat(receipt.kind()).isEqualTo(SuspenseKind.AFTER_MONITORING);
        assertThat(receipt.paymentMethod()).isEqualTo(PaymentMethod.BTC_LN);
        assertThat(receipt.paymentRef()).isEqualTo(bolt11.paymentHash());
        assertThat(receipt.merchantId()).isEqualTo(merchant.id());
        assertThat(receipt.amountMsat()).isEqualTo(invoice.amountMsat());
        assertThat(receipt.ledgerSourceKey()).isEqualTo("suspense-ln-" + bolt11.paymentHash());
        assertThat(entryExists(receipt.ledgerSourceKey())).isTrue();
        assertThat(suspenseBalance()).isEqualTo(suspenseBefore + invoice.amountMsat());
        assertThat(balance(ChartOfAccounts.LIGHTNING_ASSETS.code()))
                .isEqualTo(lightningAssetsBefore + invoice.amountMsat());
        assertThat(receipts.findByInvoice(invoice.id())).hasSize(1);
        assertThat(warnings()).anySatisfy(line -> assertThat(line).contains(bolt11.paymentHash(), "booked"));
    }

    @Test
    void the_suspense_balance_equals_the_open_custodial_receipts() {
        Invoice invoice = invoice(Duration.ofMinutes(15), Duration.ofDays(1));
        InvoiceLightning bolt11 = new LightningInvoices(
                        lightning, nodeId, new InvoiceLightningRepository(dsl), Clock.systemUTC())
                .create(invoice, "balance")
                .orElseThrow();
        lightningWatcher = lightningWatcher();
        lightningWatcher.pollOnce();

        lightning.pay(bolt11.bolt11());
        lightningWatcher.pollOnce();

        assertThat(suspenseBalance()).isEqualTo(receipts.openCustodialMsat()).isPositive();
    }

    private List<String> warnings() {
        return log.list.stream()
                .filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static boolean entryExists(String sourceKey) {
        return dsl.fetchExists(LEDGER_ENTRY, LEDGER_ENTRY.SOURCE_KEY.eq(sourceKey));
    }

    private static long suspenseBalance() {
        return balance(ChartOfAccounts.UNALLOCATED_RECEIPTS.code());
    }

    private static long balance(String code) {
        return ledger.accountBalance(code).orElseThrow().balanceMsat().msat();
    }

    private ChainWatcher chainWatcher() {
        Clock clock = Clock.systemUTC();
        return new ChainWatcher(
                nodeId,
                chain,
                addresses,
                new ChainPaymentQuery(dsl),
                new WatcherCursorRepository(dsl),
                new WatcherLease(
                        new WatcherLeaseRepository(dsl), "chain:" + nodeId, "one", Duration.ofSeconds(30), clock),
                signals,
                clock,
                50);
    }

    private LightningWatcher lightningWatcher() {
        Clock clock = Clock.systemUTC();
        return new LightningWatcher(
                nodeId,
                lightning,
                new InvoiceLightningRepository(dsl),
                new CardTopUps(dsl),
                new WatcherCursorRepository(dsl),
                new WatcherLease(
                        new WatcherLeaseRepository(dsl), "lightning:" + nodeId, "one", Duration.ofSeconds(30), clock),
                signals,
                clock);
    }

    /** An invoice created two days ago whose monitoring window closed yesterday. */
    private Invoice closedInvoiceWithAddress(String address) {
        Invoice invoice = invoice(Duration.ofDays(-2).plusMinutes(15), Duration.ofDays(-1));
        addresses.insert(new InvoiceAddress(address, invoice.id(), merchant.id(), 0, invoice.createdAt()));
        return invoice;
    }

    private Invoice invoice(Duration expiresIn, Duration monitoredFor) {
        Instant now = UtcTimestamps.now();
        Instant created = expiresIn.isNegative() ? now.minus(Duration.ofDays(2)) : now;
        return invoices.create(new NewInvoice(
                merchant.id(),
                Msat.ofSats(125_000).msat(),
                "BTC",
                null,
                null,
                null,
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                created,
                now.plus(expiresIn),
                now.plus(monitoredFor)));
    }
}
