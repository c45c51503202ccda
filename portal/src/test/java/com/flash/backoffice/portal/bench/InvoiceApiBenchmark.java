package com.flash.backoffice.portal.bench;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.portal.FlashApplication;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Invoice creation through the Greenfield API benchmark (not a unit test). Starts the portal on a random port
 * against a real MariaDB and a real Temporal server, creates a store and an API key, then sends
 * {@code POST /api/v1/stores/{storeId}/invoices} over HTTP from C concurrent clients (after a warm-up) and checks
 * that every created invoice has its workflow started. The baseline, in the same run and the same database:
 * raw single-row autocommitted INSERTs of equivalent invoice rows from C connections.
 *
 * <p>Run it (from the repository root; {@code -am} builds the modules it needs, {@code exec.skip} keeps exec:java
 * to the portal): {@code ./mvnw -B -o -pl portal -am test-compile exec:java -Dexec.skip=true
 * -Dexec.mainClass=com.flash.backoffice.portal.bench.InvoiceApiBenchmark -Dexec.args="2000 8 200"} (arguments:
 * invoices, clients, warm-up invoices).
 */
public final class InvoiceApiBenchmark {

    static final long AMOUNT_MSAT = 150_000_000L;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static void main(String[] args) throws Exception {
        int invoices = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 2_000;
        int clients = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int warmUp = args.length > 2 ? Integer.parseInt(args[2]) : 200;

        // Vaadin writes its generated frontend files into the project folder: exec:java runs in the folder Maven was
        // started in, the repository root or portal/; point it at portal/, where those files are ignored by git
        Path module = Files.exists(Path.of("portal", "pom.xml")) ? Path.of("portal") : Path.of(".");
        String portalFolder = module.toAbsolutePath().normalize().toString();
        System.setProperty("project.basedir", portalFolder);
        System.setProperty("vaadin.project.basedir", portalFolder);
        MariaDbServer mariaDb = MariaDbServer.shared();
        String jdbcUrl = mariaDb.createDatabase("invoice_api_bench");
        BenchTemporal temporal = BenchTemporal.start();
        System.out.println("MariaDB:  " + jdbcUrl);
        System.out.println("Temporal: " + temporal.description() + " on " + temporal.target());

        // command-line arguments: they override application.yml, as the properties of a test context do
        ConfigurableApplicationContext portal = new SpringApplicationBuilder(FlashApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=" + mariaDb.username(),
                        "--spring.datasource.password=" + mariaDb.password(),
                        "--spring.temporal.connection.target=" + temporal.target(),
                        "--flash.network.simulated=true",
                        "--vaadin.devmode.devTools.enabled=false",
                        "--logging.level.root=WARN");
        try {
            String baseUrl = "http://127.0.0.1:" + portal.getEnvironment().getProperty("local.server.port");
            Merchant store =
                    portal.getBean(MerchantRepository.class).create(NewMerchant.withDefaults("Benchmark store", "BTC"));
            String apiKey = portal.getBean(ApiKeyRepository.class)
                    .create("benchmark", store.id(), List.of("btcpay.store.cancreateinvoice"), "benchmark")
                    .plaintextKey();
            System.out.printf(
                    "Portal on %s; %,d invoices from %d clients after %,d warm-up%n",
                    baseUrl, invoices, clients, warmUp);

            Queue<String> createdIds = new ConcurrentLinkedQueue<>();
            ApiInvoiceClients api = new ApiInvoiceClients(baseUrl, store.id(), apiKey, createdIds);
            ConcurrentLoad.run(warmUp, clients, 0, api);
            LoadResult viaApi = ConcurrentLoad.run(invoices, clients, warmUp, api);

            RawInvoiceInserts raw = new RawInvoiceInserts(jdbcUrl, mariaDb.username(), mariaDb.password(), store.id());
            ConcurrentLoad.run(warmUp, clients, 0, raw);
            LoadResult rawInserts = ConcurrentLoad.run(invoices, clients, warmUp, raw);

            System.out.println();
            System.out.println("API create + workflow start: " + viaApi.summary());
            System.out.println("raw single-row INSERT:       " + rawInserts.summary());
            System.out.printf(
                    "ratio raw/API: throughput %.1fx, p50 %.1fx, p99 %.1fx%n",
                    rawInserts.perSecond() / viaApi.perSecond(),
                    viaApi.percentileMillis(50) / rawInserts.percentileMillis(50),
                    viaApi.percentileMillis(99) / rawInserts.percentileMillis(99));
            DSLContext dsl = DSL.using(portal.getBean(javax.sql.DataSource.class), org.jooq.SQLDialect.MARIADB);
            int apiRows =
                    dsl.fetchCount(DSL.table("invoice"), DSL.field("order_id").like("api-%"));
            int started = countStartedWorkflows(portal.getBean(WorkflowClient.class), createdIds, clients);
            System.out.printf(
                    "invoices created through the API (warm-up included): %,d responses, %,d rows, %,d workflows started%n",
                    createdIds.size(), apiRows, started);
            if (createdIds.size() != warmUp + invoices || apiRows != createdIds.size() || started != apiRows) {
                throw new IllegalStateException("not every invoice was stored with its workflow started");
            }
        } finally {
            portal.close();
        }
        System.exit(0);
    }

    static String metadata(String orderId, int n) {
        return "{\"orderId\":\"" + orderId + "\",\"buyerEmail\":\"buyer" + n
                + "@example.com\",\"itemDesc\":\"Coffee\"}";
    }

    /** Asks Temporal for each invoice's workflow execution; counts those that exist (running or closed). */
    private static int countStartedWorkflows(WorkflowClient client, Queue<String> invoiceIds, int clients)
            throws Exception {
        var service = client.getWorkflowServiceStubs().blockingStub();
        String namespace = client.getOptions().getNamespace();
        AtomicInteger started = new AtomicInteger();
        Queue<String> toCheck = new ConcurrentLinkedQueue<>(invoiceIds);
        ConcurrentLoad.run(invoiceIds.size(), clients, 0, () -> n -> {
            try {
                service.describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(namespace)
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("invoice-" + toCheck.remove()))
                        .build());
                started.incrementAndGet();
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() != Status.Code.NOT_FOUND) {
                    throw e;
                }
            }
        });
        return started.get();
    }

    /** Clients that create one invoice per operation over HTTP/1.1 and keep the ids the API returns. */
    private record ApiInvoiceClients(String baseUrl, String storeId, String apiKey, Queue<String> createdIds)
            implements ConcurrentLoad.ClientFactory {

        @Override
        public ConcurrentLoad.Client open() {
            HttpClient http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(10))
                    .build();
            URI uri = URI.create(baseUrl + "/api/v1/stores/" + storeId + "/invoices");
            return n -> {
                String body =
                        "{\"amount\":\"0.0015\",\"currency\":\"BTC\",\"metadata\":" + metadata("api-" + n, n) + "}";
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(uri)
                                .timeout(Duration.ofSeconds(60))
                                .header("Authorization", "token " + apiKey)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                }
                createdIds.add(JSON.readTree(response.body()).get("id").asString());
            };
        }
    }
}
