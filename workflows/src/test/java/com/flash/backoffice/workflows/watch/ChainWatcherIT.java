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
import com.flash.backoffice.db.invoice.PaymentMethod;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.bitcoin.SimulatedBitcoinNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chain watcher on the simulated chain and a real MariaDB: matching, confirmations, resume, reorgs, lease. */
class ChainWatcherIT {

    private static TestDatabase database;
    private static DSLContext dsl;
    private static MerchantRepository merchants;
    private static InvoiceRepository invoices;
    private static InvoiceAddressRepository addresses;

    private final SimulatedBitcoinNode chain = new SimulatedBitcoinNode();
    private final RecordingPaymentSignals signals = new RecordingPaymentSignals();
    private final List<ChainWatcher> watchers = new ArrayList<>();
    private String nodeId;
    private Merchant merchant;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("chain_watcher_it");
        dsl = database.dsl();
        merchants = new MerchantRepository(dsl);
        invoices = new InvoiceRepository(dsl);
        addresses = new InvoiceAddressRepository(dsl);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void setUp() {
        nodeId = "sim-" + UUID.randomUUID();
        merchant = merchants.create(NewMerchant.withDefaults("Shop " + UUID.randomUUID(), "EUR"));
        chain.mine(3);
    }

    @AfterEach
    void closeWatchers() {
        watchers.forEach(ChainWatcher::close);
    }

    @Test
    void a_payment_is_seen_in_the_mempool_then_confirmed_block_by_block_up_to_the_policy() {
        Invoice invoice = invoice(SpeedPolicy.LOW_MEDIUM, "bcrt1qpay1");
        ChainWatcher watcher = watcher("one");
        watcher.pollOnce();

        String txid = chain.payTo("bcrt1qpay1", 250_000);
        chain.payTo("bcrt1qsomeoneelse", 1_000);
        watcher.pollOnce();
        assertThat(signals.take()).containsExactly(invoice.id() + " seen " + txid + ":0 0");
        assertThat(signals.seen.get(0).amountMsat()).isEqualTo(250_000_000L);

        chain.mine(1);
        watcher.pollOnce();
        assertThat(signals.take()).containsExactly(invoice.id() + " seen " + txid + ":0 1");

        chain.mine(1);
        watcher.pollOnce();
        assertThat(signals.take()).containsExactly(invoice.id() + " confirmations " + txid + ":0 2");

        chain.mine(3);
        ChainPollResult result = watcher.pollOnce();
        assertThat(signals.take())
                .as("capped at the 2 confirmations LOW_MEDIUM needs")
                .isEmpty();
        assertThat(result.blocksProcessed()).isEqualTo(3);
        assertThat(result.height()).isEqualTo(chain.blockCount());
    }

    @Test
    void an_address_allocated_after_the_watcher_started_is_matched() {
        ChainWatcher watcher = watcher("one");
        watcher.pollOnce();
        Invoice invoice = invoice(SpeedPolicy.MEDIUM, "bcrt1qlate");

        String txid = chain.payTo("bcrt1qlate", 5_000);
        chain.mine(1);
        watcher.pollOnce();

        assertThat(signals.take()).containsExactly(invoice.id() + " seen " + txid + ":0 1");
    }

    @Test
    void a_restarted_watcher_resumes_at_its_cursor_without_missing_or_repeating_a_block() {
        Invoice invoice = invoice(SpeedPolicy.LOW_MEDIUM, "bcrt1qresume");
        ChainWatcher first = watcher("first");
        first.pollOnce();
        first.close();

        String txid = chain.payTo("bcrt1qresume", 40_000);
        chain.mine(2);
        ChainWatcher second = watcher("second");
        second.pollOnce();

        assertThat(signals.take())
                .containsExactly(
                        invoice.id() + " seen " + txid + ":0 1", invoice.id() + " confirmations " + txid + ":0 2");
        second.pollOnce();
        assertThat(signals.take()).isEmpty();
    }

    @Test
    void a_restarted_watcher_continues_counting_a_payment_its_workflow_stored() {
        Invoice invoice = invoice(SpeedPolicy.LOW, "bcrt1qstored");
        ChainWatcher first = watcher("first");
        first.pollOnce();
        String txid = chain.payTo("bcrt1qstored", 70_000);
        chain.mine(1);
        first.pollOnce();
        assertThat(signals.take()).containsExactly(invoice.id() + " seen " + txid + ":0 1");
        storeAsTheWorkflowWould(invoice, txid + ":0", "bcrt1qstored", 70_000_000L, 1);
        first.close();

        chain.mine(1);
        watcher("second").pollOnce();

        assertThat(signals.take()).containsExactly(invoice.id() + " confirmations " + txid + ":0 2");
    }

    @Test
    void a_reorg_that_returns_the_payment_to_the_mempool_takes_its_confirmations_back() {
        Invoice invoice = invoice(SpeedPolicy.LOW, "bcrt1qreorg");
        ChainWatcher watcher = watcher("one");
        watcher.pollOnce();
        String txid = chain.payTo("bcrt1qreorg", 90_000);
        chain.mine(2);
        watcher.pollOnce();
        signals.take();

        chain.disconnect(2, true);
        chain.mineEmpty(3);
        ChainPollResult result = watcher.pollOnce();

        assertThat(result.reorgs()).isEqualTo(1);
        assertThat(signals.take()).containsExactly(invoice.id() + " confirmations " + txid + ":0 0");

        chain.mine(1);
        watcher.pollOnce();
        assertThat(signals.take()).containsExactly(invoice.id() + " seen " + txid + ":0 1");
    }

    @Test
    void a_reorg_that_double_spends_the_payment_drops_it() {
        Invoice invoice = invoice(SpeedPolicy.LOW, "bcrt1qgone");
        ChainWatcher watcher = watcher("one");
        watcher.pollOnce();
        String txid = chain.payTo("bcrt1qgone", 90_000);
        chain.mine(1);
        watcher.pollOnce();
        signals.take();

        chain.disconnect(1, false);
        chain.mineEmpty(2);
        watcher.pollOnce();

        assertThat(signals.take()).containsExactly(invoice.id() + " dropped " + txid + ":0");
    }

    @Test
    void a_payment_replaced_in_the_mempool_is_dropped() {
        Invoice invoice = invoice(SpeedPolicy.MEDIUM, "bcrt1qrbf");
        ChainWatcher watcher = watcher("one");
        watcher.pollOnce();
        String txid = chain.payTo("bcrt1qrbf", 10_000, true);
        watcher.pollOnce();
        assertThat(signals.seen)
                .singleElement()
                .satisfies(p -> assertThat(p.rbf()).isTrue());
        signals.take();

        chain.dropFromMempool(txid);
        watcher.pollOnce();

        assertThat(signals.take()).containsExactly(invoice.id() + " dropped " + txid + ":0");
    }

    @Test
    void a_large_mempool_is_read_over_several_polls() {
        Invoice invoice = invoice(SpeedPolicy.MEDIUM, "bcrt1qbusy");
        ChainWatcher watcher = watcher("one");
        watcher.pollOnce();
        for (int i = 0; i < ChainWatcher.MAX_MEMPOOL_LOOKUPS_PER_POLL; i++) {
            chain.payTo("bcrt1qother" + i, 1_000);
        }
        String txid = chain.payTo("bcrt1qbusy", 2_000);

        watcher.pollOnce();
        assertThat(signals.take()).isEmpty();
        watcher.pollOnce();
        assertThat(signals.take()).containsExactly(invoice.id() + " seen " + txid + ":0 0");
    }

    @Test
    void only_the_lease_holder_watches() {
        invoice(SpeedPolicy.MEDIUM, "bcrt1qlease");
        ChainWatcher first = watcher("first");
        ChainWatcher second = watcher("second");

        assertThat(first.pollOnce().leader()).isTrue();
        assertThat(second.pollOnce().leader()).isFalse();
        chain.payTo("bcrt1qlease", 1_000);
        second.pollOnce();
        assertThat(signals.take()).isEmpty();

        first.close();
        assertThat(second.pollOnce().leader()).isTrue();
        assertThat(signals.take()).hasSize(1);
    }

    private ChainWatcher watcher(String owner) {
        Clock clock = Clock.systemUTC();
        ChainWatcher watcher = new ChainWatcher(
                nodeId,
                chain,
                addresses,
                new ChainPaymentQuery(dsl),
                new WatcherCursorRepository(dsl),
                new WatcherLease(
                        new WatcherLeaseRepository(dsl), "chain:" + nodeId, owner, Duration.ofSeconds(30), clock),
                signals,
                clock,
                50);
        watchers.add(watcher);
        return watcher;
    }

    private Invoice invoice(SpeedPolicy policy, String address) {
        Instant now = UtcTimestamps.now();
        Invoice invoice = invoices.create(new NewInvoice(
                merchant.id(),
                250_000_000L,
                "BTC",
                null,
                null,
                null,
                "{}",
                policy,
                0,
                100,
                now,
                now.plus(Duration.ofMinutes(15)),
                now.plus(Duration.ofDays(1))));
        addresses.insert(new InvoiceAddress(address, invoice.id(), merchant.id(), 0, now));
        return invoice;
    }

    private static void storeAsTheWorkflowWould(
            Invoice invoice, String ref, String address, long amountMsat, int confirmations) {
        invoices.upsertPayment(
                invoice.id(),
                new InvoicePayment(
                        PaymentMethod.BTC_CHAIN,
                        ref,
                        address,
                        amountMsat,
                        confirmations,
                        false,
                        PaymentStatus.PENDING,
                        UtcTimestamps.now()));
    }
}
