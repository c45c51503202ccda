package com.flash.backoffice.portal.invoice;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.INVOICE_START_PENDING;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.portal.dev.DevProcess;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault the issue measured: MariaDB killed (SIGKILL) for 30 s while 4 clients create invoices through the API of
 * the application running in its own JVM. Requests during the outage answer 503 with Retry-After within a few seconds
 * instead of hanging; an error answer means no invoice was stored; and every stored invoice gets its workflow, also
 * one whose request failed after its commit (the outbox and the sweep of unfinished invoices).
 */
class InvoiceCreationDatabaseOutageIT {

    static final int CLIENTS = 4;
    static final Duration BEFORE_OUTAGE = Duration.ofSeconds(5);
    static final Duration OUTAGE = Duration.ofSeconds(30);
    static final Duration AFTER_OUTAGE = Duration.ofSeconds(10);
    /** The sweep runs a minute apart and finishes invoices older than a minute. */
    static final Duration SWEEP_WAIT = Duration.ofMinutes(3);

    @TempDir
    Path home;

    private DevProcess dev;
    private MariaDbServer restarted;

    record Answer(String orderId, int status, String retryAfter, long startedAt, long endedAt) {
        long millis() {
            return (endedAt - startedAt) / 1_000_000;
        }
    }

    @AfterEach
    void stop() throws java.io.IOException {
        if (dev != null) {
            dev.close();
            // kept for reading after a failure (the temporary home is deleted)
            java.nio.file.Files.copy(
                    dev.log(),
                    Path.of("target", "invoice-outage-dev.log"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (restarted != null) {
            restarted.close();
        }
    }

    @Test
    void a_killed_database_answers_503_fast_writes_nothing_on_error_and_every_stored_invoice_gets_its_workflow()
            throws Exception {
        DevProcess.Ports ports = DevProcess.Ports.free();
        dev = DevProcess.launch(home, ports, home.resolve("dev.log"));
        dev.awaitLine(DevProcess.READY);
        String jdbcUrl = "jdbc:mariadb://127.0.0.1:" + ports.mariaDb() + "/flash?connectionTimeZone=UTC";
        Merchant merchant = db(
                jdbcUrl,
                ctx -> new MerchantRepository(ctx)
                        .create(NewMerchant.withDefaults("Outage " + System.nanoTime(), "EUR")));
        String apiKey = db(
                        jdbcUrl,
                        ctx -> new ApiKeyRepository(ctx)
                                .create("outage", merchant.id(), List.of("btcpay.store.cancreateinvoice"), "test"))
                .plaintextKey();

        ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        URI endpoint =
                URI.create("http://127.0.0.1:" + ports.portal() + "/api/v1/stores/" + merchant.id() + "/invoices");
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofPlatform().name("client-" + c).start(() -> {
                HttpClient http = HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(5))
                        .build();
                for (int n = 0; running.get(); n++) {
                    answers.add(create(http, endpoint, apiKey, "c" + client + "-" + n));
                }
            }));
        }

        Thread.sleep(BEFORE_OUTAGE.toMillis());
        ProcessHandle mariaDb = dev.mariaDbProcess().orElseThrow();
        long killedAt = System.nanoTime();
        mariaDb.destroyForcibly();
        mariaDb.onExit().get();
        Thread.sleep(OUTAGE.toMillis() / 2);
        HttpResponse<String> lnurl = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.portal() + "/lnurlw/refund/"
                                        + "0123456789abcdef0123456789abcdef"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        Thread.sleep(OUTAGE.toMillis() / 2);
        long restartAt = System.nanoTime();
        restarted = MariaDbServer.start(dev.mariaDbDataDir(), ports.mariaDb());
        Thread.sleep(AFTER_OUTAGE.toMillis());
        running.set(false);
        for (Thread client : clients) {
            client.join(Duration.ofMinutes(1));
        }

        long deadline = System.nanoTime() + SWEEP_WAIT.toNanos();
        while (db(jdbcUrl, ctx -> ctx.fetchCount(INVOICE_START_PENDING)) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(2_000);
        }

        Map<String, Long> stored = db(
                jdbcUrl,
                ctx -> ctx
                        .select(INVOICE.ORDER_ID, INVOICE.ID)
                        .from(INVOICE)
                        .where(INVOICE.MERCHANT_ID.eq(merchant.id()))
                        .fetch()
                        .stream()
                        .collect(Collectors.groupingBy(row -> row.value1(), Collectors.counting())));
        List<String> invoiceIds = db(
                jdbcUrl,
                ctx -> ctx.select(INVOICE.ID)
                        .from(INVOICE)
                        .where(INVOICE.MERCHANT_ID.eq(merchant.id()))
                        .fetch(INVOICE.ID));
        List<Answer> all = List.copyOf(answers);
        List<Answer> created = all.stream().filter(a -> a.status() == 200).toList();
        List<Answer> refused = all.stream().filter(a -> a.status() != 200).toList();
        Map<Integer, Long> refusedStatuses = refused.stream()
                .collect(Collectors.groupingBy(Answer::status, java.util.TreeMap::new, Collectors.counting()));
        long slowestRefusalMs = refused.stream().mapToLong(Answer::millis).max().orElse(0);
        int withoutWorkflow = withoutWorkflow(ports.temporal(), invoiceIds);
        System.out.printf(
                "Database outage of %d s, %d clients: %d requests, %d created, %d answered %s (slowest %d ms);"
                        + " %d invoices stored, %d without a workflow, %d still unfinished%n",
                OUTAGE.toSeconds(),
                CLIENTS,
                all.size(),
                created.size(),
                refused.size(),
                refusedStatuses,
                slowestRefusalMs,
                invoiceIds.size(),
                withoutWorkflow,
                db(jdbcUrl, ctx -> ctx.fetchCount(INVOICE_START_PENDING)));

        assertThat(lnurl.statusCode()).as("LNURL during the outage").isEqualTo(503);
        assertThat(lnurl.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(lnurl.body()).contains("\"status\":\"ERROR\"", "try again");
        assertThat(refused).as("the outage was felt").isNotEmpty();
        assertThat(created.stream().filter(a -> a.startedAt() > killedAt && a.endedAt() < restartAt))
                .as("nothing is created without a database")
                .isEmpty();
        assertThat(refusedStatuses).as("every refusal is a 503").containsOnlyKeys(503);
        assertThat(refused).allSatisfy(answer -> assertThat(answer.retryAfter()).isEqualTo("5"));
        assertThat(slowestRefusalMs)
                .as("fail fast (Hikari's default hung for 30 s)")
                .isLessThan(10_000);
        assertThat(created)
                .allSatisfy(answer -> assertThat(stored.get(answer.orderId()))
                        .as("stored once: %s", answer.orderId())
                        .isEqualTo(1L));
        assertThat(refused)
                .allSatisfy(answer -> assertThat(stored.get(answer.orderId()))
                        .as("an error answer stored nothing: %s", answer.orderId())
                        .isNull());
        assertThat(invoiceIds).hasSize(created.size());
        assertThat(withoutWorkflow).as("every stored invoice has its workflow").isZero();
        int unfinished = db(jdbcUrl, ctx -> ctx.fetchCount(INVOICE_START_PENDING));
        assertThat(unfinished).isZero();
    }

    private static Answer create(HttpClient http, URI endpoint, String apiKey, String orderId) {
        String body = "{\"amount\":\"0.0001\",\"currency\":\"BTC\",\"metadata\":{\"orderId\":\"" + orderId + "\"}}";
        long begin = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(endpoint)
                            .timeout(Duration.ofSeconds(60))
                            .header("Authorization", "token " + apiKey)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Answer(
                    orderId,
                    response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null),
                    begin,
                    System.nanoTime());
        } catch (Exception e) {
            return new Answer(orderId, -1, null, begin, System.nanoTime());
        }
    }

    private static int withoutWorkflow(int temporalPort, List<String> invoiceIds) {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget("127.0.0.1:" + temporalPort)
                .build());
        try {
            WorkflowClient client = WorkflowClient.newInstance(
                    stubs,
                    WorkflowClientOptions.newBuilder().setNamespace("default").build());
            int missing = 0;
            for (String invoiceId : invoiceIds) {
                try {
                    client.newUntypedWorkflowStub(InvoiceWorkflow.workflowId(invoiceId))
                            .describe();
                } catch (RuntimeException notFound) {
                    missing++;
                }
            }
            return missing;
        } finally {
            stubs.shutdownNow();
        }
    }

    private static <T> T db(String jdbcUrl, Function<DSLContext, T> work) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "root", "")) {
            return work.apply(DSL.using(connection, SQLDialect.MARIADB));
        }
    }
}
