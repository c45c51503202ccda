package com.flash.backoffice.workflows.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.chain.InvoiceLightning;
import com.flash.backoffice.db.chain.InvoiceLightningRepository;
import com.flash.backoffice.db.chain.WatcherCursorRepository;
import com.flash.backoffice.db.chain.WatcherLeaseRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.UtcTimestamps;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.lightning.LightningInvoices;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
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

/** The Lightning watcher on the simulated node and a real MariaDB: settle-index cursor, replay, foreign invoices. */
class LightningWatcherIT {

    private static TestDatabase database;
    private static DSLContext dsl;
    private static InvoiceRepository invoices;
    private static InvoiceLightningRepository lightning;
    private static Merchant merchant;

    private final SimulatedLightningNode node = new SimulatedLightningNode();
    private final RecordingPaymentSignals signals = new RecordingPaymentSignals();
    private final List<LightningWatcher> watchers = new ArrayList<>();
    private String nodeId;
    private LightningInvoices lightningInvoices;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("lightning_watcher_it");
        dsl = database.dsl();
        invoices = new InvoiceRepository(dsl);
        lightning = new InvoiceLightningRepository(dsl);
        merchant = new MerchantRepository(dsl).create(NewMerchant.withDefaults("LN shop", "EUR"));
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void setUp() {
        nodeId = "ln-" + UUID.randomUUID();
        lightningInvoices = new LightningInvoices(node, nodeId, lightning, Clock.systemUTC());
    }

    @AfterEach
    void closeWatchers() {
        watchers.forEach(LightningWatcher::close);
    }

    @Test
    void a_settled_lightning_invoice_of_a_flash_invoice_is_signalled_once() {
        Invoice invoice = invoice();
        InvoiceLightning bolt11 = lightningInvoices.create(invoice, "order 1").orElseThrow();
        LightningWatcher watcher = watcher("one");
        assertThat(watcher.pollOnce()).isZero();

        node.pay(bolt11.bolt11());
        assertThat(watcher.pollOnce()).isEqualTo(1);
        assertThat(signals.take()).containsExactly(invoice.id() + " seen " + bolt11.paymentHash() + " 0");
        assertThat(signals.seen.get(0).amountMsat()).isEqualTo(123_456_789L);
        assertThat(new WatcherCursorRepository(dsl).settleIndex(nodeId)).hasValue(1);

        assertThat(watcher.pollOnce()).isZero();
    }

    @Test
    void creating_the_lightning_invoice_again_returns_the_first_one() {
        Invoice invoice = invoice();

        InvoiceLightning first = lightningInvoices.create(invoice, "x").orElseThrow();

        assertThat(lightningInvoices.create(invoice, "x")).contains(first);
    }

    @Test
    void invoices_settled_while_the_watcher_was_away_are_replayed_from_the_cursor() {
        Invoice early = invoice();
        Invoice late = invoice();
        InvoiceLightning earlyBolt11 = lightningInvoices.create(early, "early").orElseThrow();
        InvoiceLightning lateBolt11 = lightningInvoices.create(late, "late").orElseThrow();
        LightningWatcher first = watcher("first");
        node.pay(earlyBolt11.bolt11());
        first.pollOnce();
        first.close();
        signals.take();

        node.pay(node.createInvoice(1_000, "not a Flash invoice", Duration.ofMinutes(5))
                .bolt11());
        node.pay(lateBolt11.bolt11());
        LightningWatcher second = watcher("second");

        assertThat(second.pollOnce()).isEqualTo(1);
        assertThat(signals.take()).containsExactly(late.id() + " seen " + lateBolt11.paymentHash() + " 0");
        assertThat(new WatcherCursorRepository(dsl).settleIndex(nodeId)).hasValue(3);
    }

    private LightningWatcher watcher(String owner) {
        Clock clock = Clock.systemUTC();
        LightningWatcher watcher = new LightningWatcher(
                nodeId,
                node,
                lightning,
                new CardTopUps(dsl),
                new WatcherCursorRepository(dsl),
                new WatcherLease(
                        new WatcherLeaseRepository(dsl), "lightning:" + nodeId, owner, Duration.ofSeconds(30), clock),
                signals,
                clock);
        watchers.add(watcher);
        return watcher;
    }

    private static Invoice invoice() {
        Instant now = UtcTimestamps.now();
        return invoices.create(new NewInvoice(
                merchant.id(),
                123_456_789L,
                "BTC",
                null,
                null,
                null,
                "{}",
                SpeedPolicy.MEDIUM,
                0,
                100,
                now,
                now.plus(Duration.ofMinutes(15)),
                now.plus(Duration.ofDays(1))));
    }
}
