package com.flash.backoffice.workflows.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.invoice.NewInvoice;
import com.flash.backoffice.db.invoice.PaymentStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.testsupport.TemporalCliServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * MariaDB killed (SIGKILL) for 30 s in the middle of an invoice's settlement, with the real activities on a real
 * Temporal server: the settlement's activities fail and are retried while the database is gone, and after it comes
 * back on its data the invoice settles with exactly one payment, one settlement entry in the ledger and each event
 * once: nothing lost, nothing doubled.
 */
class InvoiceSettlementDatabaseOutageIT {

    private static final long AMOUNT = 250_000_000L;
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final Duration RECOVERY = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private MariaDbServer mariaDb;
    private MariaDbServer restarted;
    private TestDatabase database;
    private TemporalCliServer temporal;
    private WorkflowServiceStubs service;
    private WorkerFactory workers;
    private final AtomicInteger settlementPostings = new AtomicInteger();

    @AfterEach
    void stop() {
        if (workers != null) {
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (service != null) {
            service.shutdownNow();
        }
        if (temporal != null) {
            temporal.stop();
        }
        if (database != null) {
            database.close();
        }
        for (MariaDbServer server : new MariaDbServer[] {restarted, mariaDb}) {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void a_settlement_under_way_when_the_database_dies_finishes_once_after_it_is_back() {
        int port = MariaDbServer.freePort();
        Path data = dir.resolve("mariadb");
        mariaDb = MariaDbServer.start(data, port);
        database = TestDatabase.migrated(mariaDb, "settlement_outage_it");
        DSLContext dsl = database.dsl();
        InvoiceRepository invoices = new InvoiceRepository(dsl);
        Merchant merchant =
                new MerchantRepository(dsl).create(NewMerchant.withDefaults("Outage shop " + System.nanoTime(), "EUR"));
        temporal = TemporalCliServer.start(dir.resolve("temporal.db"));
        WorkflowClient client = startWorker(invoices, dsl);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Invoice invoice = invoices.create(newInvoice(merchant, now));
        InvoiceWorkflows.start(client, InvoiceRequest.of(invoice));
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(client, invoice.id());
        workflow.paymentSeen(PaymentObserved.onChain("tx-outage:0", "bc1qoutage", AMOUNT, 0, false));
        await(
                "Processing is stored",
                Duration.ofSeconds(30),
                () -> status(invoices, invoice) == InvoiceStatus.PROCESSING);

        mariaDb.kill();
        workflow.confirmations(new ConfirmationsChanged("tx-outage:0", 1));
        sleep(OUTAGE);
        assertThat(settlementPostings)
                .as("nothing is booked without a database")
                .hasValue(0);
        long restarting = System.nanoTime();
        restarted = MariaDbServer.start(data, port);
        await(
                "Settled is stored after the restart",
                RECOVERY,
                () -> status(invoices, invoice) == InvoiceStatus.SETTLED);
        await("the settlement is posted", RECOVERY, () -> settlementPostings.get() >= 1);
        System.out.printf(
                "Database killed for %d s mid-settlement: settled %d ms after it was back%n",
                OUTAGE.toSeconds(), (System.nanoTime() - restarting) / 1_000_000);

        assertThat(settlementPostings).hasValue(1);
        assertThat(dsl.fetchCount(dsl.selectFrom("ledger_entry")
                        .where("source_key like ?", "invoice-" + invoice.id() + "-settlement%")))
                .isEqualTo(1);
        assertThat(invoices.findPayments(invoice.id()))
                .singleElement()
                .extracting(InvoicePayment::paymentRef, InvoicePayment::confirmations, InvoicePayment::status)
                .containsExactly("tx-outage:0", 1, PaymentStatus.CONFIRMED);
        await(
                "the settlement's events are stored",
                RECOVERY,
                () -> invoices.findEvents(invoice.id()).size() == 5);
        assertThat(invoices.findEvents(invoice.id()))
                .extracting(InvoiceEvent::eventType)
                .containsExactly(
                        "InvoiceCreated",
                        "InvoiceReceivedPayment",
                        "InvoiceProcessing",
                        "InvoicePaymentSettled",
                        "InvoiceSettled");
        assertThat(invoices.findById(invoice.id()).orElseThrow().paidMsat()).isEqualTo(AMOUNT);
    }

    private WorkflowClient startWorker(InvoiceRepository invoices, DSLContext dsl) {
        service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(temporal.target())
                .build());
        WorkflowClient client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder()
                        .setNamespace(TemporalCliServer.NAMESPACE)
                        .build());
        workers = WorkerFactory.newInstance(client);
        InvoiceActivities real = new InvoiceActivitiesImpl(
                invoices, dsl, new OutboxInvoiceEventPublisher(invoices), new FinanceNoticeRepository(dsl));
        InvoiceWorker.register(workers, new ForwardingInvoiceActivities(real) {
            @Override
            public void postSettlement(SettlementPosting posting) {
                super.postSettlement(posting);
                settlementPostings.incrementAndGet();
            }
        });
        workers.start();
        return client;
    }

    private static NewInvoice newInvoice(Merchant merchant, Instant now) {
        Instant expiresAt = now.plus(Duration.ofMinutes(15));
        return new NewInvoice(
                merchant.id(),
                AMOUNT,
                "EUR",
                new BigDecimal("125.00"),
                new BigDecimal("50000"),
                "order-outage",
                "{\"orderId\":\"order-outage\"}",
                SpeedPolicy.MEDIUM,
                0,
                NewInvoice.basisPoints(merchant.processingFeePct()),
                now,
                expiresAt,
                expiresAt.plus(Duration.ofMinutes(60)));
    }

    private static InvoiceStatus status(InvoiceRepository invoices, Invoice invoice) {
        try {
            return invoices.findById(invoice.id()).orElseThrow().status();
        } catch (RuntimeException databaseNotBackYet) {
            return null;
        }
    }

    private static void await(String what, Duration within, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(within);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + within + ": " + what);
            }
            sleep(Duration.ofMillis(200));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
