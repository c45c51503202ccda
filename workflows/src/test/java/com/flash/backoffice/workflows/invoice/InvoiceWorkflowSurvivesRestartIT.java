package com.flash.backoffice.workflows.invoice;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceEvent;
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
import com.flash.backoffice.db.notice.FinanceNoticeRepository;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.workflows.testsupport.TemporalCliServer;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invoice workflow with its real activities over MariaDB on a real Temporal server (the CLI's dev server
 * with a SQLite file) that is stopped mid-workflow together with the worker, then started again on the same
 * database file with a new worker: the workflow carries on from its history, posts its settlement once, and its
 * durable timers still fire.
 */
class InvoiceWorkflowSurvivesRestartIT {

    private static final Logger log = LoggerFactory.getLogger(InvoiceWorkflowSurvivesRestartIT.class);
    private static final long AMOUNT = 250_000_000L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path temporalDir;

    private static TemporalCliServer server;
    private static TestDatabase database;
    private static DSLContext dsl;
    private static InvoiceRepository invoices;
    private static LedgerRepository ledger;
    private static MerchantRepository merchants;

    private final AtomicInteger settlementPostings = new AtomicInteger();
    private final List<App> apps = new ArrayList<>();
    private Merchant merchant;

    @BeforeAll
    static void startServers() {
        database = TestDatabase.migrated("invoice_restart_it");
        dsl = database.dsl();
        invoices = new InvoiceRepository(dsl);
        ledger = new LedgerRepository(dsl);
        merchants = new MerchantRepository(dsl);
        Path databaseFile = temporalDir.resolve("temporal.db");
        long started = System.nanoTime();
        server = TemporalCliServer.start(databaseFile);
        log.info("Temporal CLI server on {} started in {} ms", server.target(), millisSince(started));
    }

    @AfterAll
    static void stopServers() {
        if (server != null) {
            server.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @BeforeEach
    void createMerchant() {
        merchant = merchants.create(NewMerchant.withDefaults("Restart shop " + System.nanoTime(), "EUR"));
    }

    @AfterEach
    void stopWorkers() {
        apps.forEach(App::kill);
        apps.clear();
    }

    @Test
    void an_on_chain_payment_seen_before_a_restart_settles_after_it_with_one_ledger_entry() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Invoice invoice = invoices.create(newInvoice(now, now.plus(Duration.ofMinutes(15)), Duration.ofMinutes(60)));
        String workflowId = InvoiceWorkflow.workflowId(invoice.id());
        App before = startApp("worker-before-restart");
        InvoiceWorkflows.start(before.client(), InvoiceRequest.of(invoice));

        InvoiceWorkflows.existing(before.client(), invoice.id())
                .paymentSeen(PaymentObserved.onChain("tx-restart:0", "bc1qrestart", AMOUNT, 0, false));
        await("the Processing state is stored", () -> storedStatus(invoice) == InvoiceStatus.PROCESSING);
        await("the workflow waits for the confirmation", () -> waitingIdle(before.client(), workflowId));
        InvoiceState processing =
                InvoiceWorkflows.existing(before.client(), invoice.id()).state();
        assertThat(settlementPostings).hasValue(0);

        before.kill();
        long stopping = System.nanoTime();
        server.stop();
        long stopMillis = millisSince(stopping);
        Instant restartedAt = Instant.now();
        long restarting = System.nanoTime();
        server.restart();
        log.info(
                "Temporal CLI server stopped in {} ms, restarted on {} in {} ms",
                stopMillis,
                server.target(),
                millisSince(restarting));
        App after = startApp("worker-after-restart");
        InvoiceWorkflow workflow = InvoiceWorkflows.existing(after.client(), invoice.id());

        InvoiceState replayed = workflow.state();
        assertThat(replayed).isEqualTo(processing);
        workflow.confirmations(new ConfirmationsChanged("tx-restart:0", 1));
        await("the Settled state is stored", () -> storedStatus(invoice) == InvoiceStatus.SETTLED);
        await("the settlement's events are published", () -> waitingIdle(after.client(), workflowId));
        log.info("settled {} ms after the restart began", millisSince(restarting));

        InvoiceState settled = workflow.state();
        assertThat(settled.status()).isEqualTo(InvoiceStatus.SETTLED);
        assertThat(settled.revision()).isGreaterThan(processing.revision());
        assertThat(settled.payments()).singleElement().satisfies(payment -> {
            assertThat(payment.paymentRef()).isEqualTo("tx-restart:0");
            assertThat(payment.confirmations()).isEqualTo(1);
            assertThat(payment.status()).isEqualTo(PaymentStatus.CONFIRMED);
        });
        Invoice stored = invoices.findById(invoice.id()).orElseThrow();
        assertThat(stored.revision()).isEqualTo(settled.revision());
        assertThat(stored.paidMsat()).isEqualTo(AMOUNT);
        assertThat(invoices.findPayments(invoice.id()))
                .singleElement()
                .extracting(InvoicePayment::paymentRef, InvoicePayment::confirmations, InvoicePayment::status)
                .containsExactly("tx-restart:0", 1, PaymentStatus.CONFIRMED);
        assertThat(invoices.findEvents(invoice.id()))
                .extracting(InvoiceEvent::eventType)
                .containsExactly(
                        "InvoiceCreated",
                        "InvoiceReceivedPayment",
                        "InvoiceProcessing",
                        "InvoicePaymentSettled",
                        "InvoiceSettled");
        assertThat(settlementPostings).hasValue(1);
        assertThat(dsl.fetchCount(dsl.selectFrom("ledger_entry")
                        .where("source_key like ?", "invoice-" + invoice.id() + "-settlement%")))
                .isEqualTo(1);

        List<HistoryEvent> history = after.client().fetchHistory(workflowId).getEvents();
        assertThat(signals(history, "paymentSeen"))
                .singleElement()
                .satisfies(signal -> assertThat(time(signal)).isBefore(restartedAt));
        assertThat(signals(history, "confirmations"))
                .singleElement()
                .satisfies(signal -> assertThat(time(signal)).isAfter(restartedAt));
        assertThat(history.stream()
                        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED)
                        .map(e -> e.getWorkflowTaskStartedEventAttributes().getIdentity())
                        .distinct())
                .containsExactly("worker-before-restart", "worker-after-restart");
    }

    @Test
    void the_expiry_timer_that_came_due_while_the_server_was_down_fires_after_the_restart() throws Exception {
        Instant now = Instant.now();
        Instant expiresAt = now.plus(Duration.ofSeconds(6));
        Invoice invoice = invoices.create(newInvoice(now, expiresAt, Duration.ZERO));
        String workflowId = InvoiceWorkflow.workflowId(invoice.id());
        App before = startApp("worker-before-restart");
        InvoiceWorkflows.start(before.client(), InvoiceRequest.of(invoice));
        await("the workflow waits for its expiry", () -> waitingIdle(before.client(), workflowId));

        before.kill();
        server.stop();
        Instant dueAgain = invoice.expiresAt().plusSeconds(1);
        sleepUntil(dueAgain);
        Instant restartedAt = Instant.now();
        long restarting = System.nanoTime();
        server.restart();
        App after = startApp("worker-after-restart");

        InvoiceState result = WorkflowStub.fromTyped(InvoiceWorkflows.existing(after.client(), invoice.id()))
                .getResult(WAIT.toSeconds(), TimeUnit.SECONDS, InvoiceState.class);
        log.info("expired {} ms after the restart began", millisSince(restarting));

        assertThat(result.status()).isEqualTo(InvoiceStatus.EXPIRED);
        assertThat(storedStatus(invoice)).isEqualTo(InvoiceStatus.EXPIRED);
        assertThat(invoices.findEvents(invoice.id()))
                .extracting(InvoiceEvent::eventType)
                .containsExactly("InvoiceCreated", "InvoiceExpired");
        assertThat(after.client().fetchHistory(workflowId).getEvents().stream()
                        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_TIMER_FIRED))
                .singleElement()
                .satisfies(fired -> assertThat(time(fired)).isAfter(restartedAt));
        assertThat(settlementPostings).hasValue(0);
    }

    /** A worker process of the application: its own connection, client and worker factory. */
    private record App(WorkflowServiceStubs service, WorkflowClient client, WorkerFactory factory) {

        /**
         * Drops the connection first, as a killed worker process would: no goodbye to the server (its sticky
         * queue stays until the server gives up on it), then stops the pollers and their threads.
         */
        void kill() {
            if (service.isShutdown()) {
                return;
            }
            service.shutdownNow();
            service.awaitTermination(5, TimeUnit.SECONDS);
            try {
                factory.shutdownNow();
            } catch (StatusRuntimeException connectionAlreadyGone) {
                // the worker's goodbye (ShutdownWorker) cannot reach the server any more: that is the point
            }
            factory.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private App startApp(String identity) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(server.target())
                .build());
        WorkflowClient client = WorkflowClient.newInstance(
                service,
                WorkflowClientOptions.newBuilder()
                        .setNamespace(TemporalCliServer.NAMESPACE)
                        .setIdentity(identity)
                        .build());
        WorkerFactory factory = WorkerFactory.newInstance(client);
        InvoiceWorker.register(factory, countingPostings(realActivities()));
        factory.start();
        App app = new App(service, client, factory);
        apps.add(app);
        return app;
    }

    private static InvoiceActivities realActivities() {
        return new InvoiceActivitiesImpl(
                invoices, dsl, new OutboxInvoiceEventPublisher(invoices), new FinanceNoticeRepository(dsl));
    }

    /** The real activities, counting the settlement postings that reach the ledger. */
    private InvoiceActivities countingPostings(InvoiceActivities real) {
        return new ForwardingInvoiceActivities(real) {
            @Override
            public void postSettlement(SettlementPosting posting) {
                super.postSettlement(posting);
                settlementPostings.incrementAndGet();
            }
        };
    }

    private NewInvoice newInvoice(Instant createdAt, Instant expiresAt, Duration monitoring) {
        return new NewInvoice(
                merchant.id(),
                AMOUNT,
                "EUR",
                new BigDecimal("125.00"),
                new BigDecimal("50000"),
                "order-restart",
                "{\"orderId\":\"order-restart\"}",
                SpeedPolicy.MEDIUM,
                0,
                NewInvoice.basisPoints(merchant.processingFeePct()),
                createdAt,
                expiresAt,
                expiresAt.plus(monitoring));
    }

    /**
     * The workflow sleeps in its timer with nothing in flight: the worker is killed between two steps, not in
     * the middle of an activity (that one would be retried only after its 30 s start-to-close timeout).
     */
    private static boolean waitingIdle(WorkflowClient client, String workflowId) {
        DescribeWorkflowExecutionResponse description = client.getWorkflowServiceStubs()
                .blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(TemporalCliServer.NAMESPACE)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                        .build());
        return description.getPendingActivitiesCount() == 0
                && !description.hasPendingWorkflowTask()
                && client.fetchHistory(workflowId).getLastEvent().getEventType() == EventType.EVENT_TYPE_TIMER_STARTED;
    }

    private static InvoiceStatus storedStatus(Invoice invoice) {
        return invoices.findById(invoice.id()).orElseThrow().status();
    }

    private static List<HistoryEvent> signals(List<HistoryEvent> history, String name) {
        return history.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED)
                .filter(e -> e.getWorkflowExecutionSignaledEventAttributes()
                        .getSignalName()
                        .equals(name))
                .toList();
    }

    private static Instant time(HistoryEvent event) {
        return Instant.ofEpochSecond(
                event.getEventTime().getSeconds(), event.getEventTime().getNanos());
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not within " + WAIT + ": " + what + System.lineSeparator()
                        + "Temporal server log:" + System.lineSeparator() + server.logTail());
            }
            sleep(Duration.ofMillis(100));
        }
    }

    private static void sleepUntil(Instant moment) {
        Duration left = Duration.between(Instant.now(), moment);
        if (left.isPositive()) {
            sleep(left);
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

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }
}
