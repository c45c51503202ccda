package com.flash.backoffice.workflows.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.db.testsupport.TestDatabase;
import com.flash.backoffice.db.webhook.DeliveryStatus;
import com.flash.backoffice.db.webhook.NewDelivery;
import com.flash.backoffice.db.webhook.Webhook;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.db.webhook.WebhookRepository;
import com.flash.backoffice.db.webhook.WebhookSettings;
import com.sun.net.httpserver.HttpServer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The delivery workflow with its real activities (MariaDB delivery log, java.net.http POST) against a real HTTP
 * receiver on 127.0.0.1; Temporal's time skipping covers the 10 s / 1 min / 10 min waits.
 */
class WebhookDeliveryWorkflowIT {

    private static final Instant START = Instant.parse("2025-03-01T10:00:00Z");
    private static final String SECRET = "s3cr3t-for-tests";

    @RegisterExtension
    static final TestWorkflowExtension testWorkflow = TestWorkflowExtension.newBuilder()
            .registerWorkflowImplementationTypes(WebhookDeliveryWorkflowImpl.class)
            .setInitialTime(START)
            .setDoNotStart(true)
            .build();

    private static TestDatabase database;
    private static WebhookRepository webhooks;
    private static MerchantRepository merchants;

    record Received(long skippedTimeMillis, String body, String signature) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile IntUnaryOperator answer = call -> 200;
    private HttpServer receiver;
    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private Merchant merchant;

    @BeforeAll
    static void migrate() {
        database = TestDatabase.migrated("webhook_delivery_it");
        webhooks = new WebhookRepository(database.dsl(), com.flash.backoffice.db.testsupport.TestMasterKey.seal());
        merchants = new MerchantRepository(database.dsl());
    }

    @AfterAll
    static void close() {
        database.close();
    }

    @BeforeEach
    void start(TestWorkflowEnvironment env, WorkflowClient client) throws IOException {
        this.env = env;
        this.client = client;
        merchant = merchants.create(NewMerchant.withDefaults("Hooks " + System.nanoTime(), "EUR"));
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            received.add(new Received(
                    env.currentTimeMillis(),
                    new String(body, StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("BTCPay-Sig")));
            int status = answer.applyAsInt(calls.incrementAndGet());
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        WebhookWorker.register(
                env.newWorker(WebhookDeliveryWorkflow.TASK_QUEUE),
                new WebhookActivitiesImpl(webhooks, new WebhookTargets("127.0.0.1, localhost")));
        env.start();
    }

    @AfterEach
    void stop() {
        receiver.stop(0);
    }

    @Test
    void a_500_is_retried_after_10_seconds_and_1_minute_each_retry_a_new_delivery_until_a_200() {
        answer = call -> call < 3 ? 500 : 200;
        Webhook webhook = webhook(url());
        WebhookDelivery first = delivery(webhook);

        DeliveryChainResult result = run(first.id(), true);

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(result.attempts()).isEqualTo(3);
        assertThat(received).hasSize(3);
        assertThat(received.get(1).skippedTimeMillis() - received.get(0).skippedTimeMillis())
                .isBetween(10_000L, 11_000L);
        assertThat(received.get(2).skippedTimeMillis() - received.get(1).skippedTimeMillis())
                .isBetween(60_000L, 61_000L);
        List<WebhookDelivery> chain = webhooks.listChain(first.id());
        assertThat(chain)
                .extracting(WebhookDelivery::status)
                .containsExactly(DeliveryStatus.HTTP_ERROR, DeliveryStatus.HTTP_ERROR, DeliveryStatus.HTTP_SUCCESS);
        assertThat(chain).extracting(WebhookDelivery::httpCode).containsExactly(500, 500, 200);
        assertThat(chain).extracting(WebhookDelivery::id).doesNotHaveDuplicates();
        assertThat(chain.get(1).redelivery()).isTrue();
        for (int i = 0; i < 3; i++) {
            Received r = received.get(i);
            assertThat(r.signature()).isEqualTo("sha256=" + independentHmac(SECRET, r.body()));
            assertThat(r.body())
                    .contains("\"deliveryId\":\"" + chain.get(i).id() + "\"")
                    .contains("\"originalDeliveryId\":\"" + first.id() + "\"");
        }
        assertThat(received.get(2).body()).contains("\"isRedelivery\":true");
    }

    @Test
    void a_receiver_that_always_fails_gets_9_attempts_over_10s_1min_and_6_x_10min() {
        answer = call -> 503;
        WebhookDelivery first = delivery(webhook(url()));

        DeliveryChainResult result = run(first.id(), true);

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.GAVE_UP);
        assertThat(received).hasSize(9);
        long total = received.get(8).skippedTimeMillis() - received.get(0).skippedTimeMillis();
        assertThat(total).isBetween(3_670_000L, 3_680_000L);
        assertThat(webhooks.listChain(first.id())).hasSize(9).allMatch(d -> d.status() == DeliveryStatus.HTTP_ERROR);
    }

    @Test
    void a_400_is_failed_at_once_without_retry() {
        answer = call -> 400;
        WebhookDelivery first = delivery(webhook(url()));

        DeliveryChainResult result = run(first.id(), true);

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.REJECTED);
        assertThat(received).hasSize(1);
        assertThat(webhooks.listChain(first.id()))
                .singleElement()
                .satisfies(d -> assertThat(d.httpCode()).isEqualTo(400))
                .satisfies(d -> assertThat(d.status()).isEqualTo(DeliveryStatus.HTTP_ERROR));
    }

    @Test
    void a_429_is_retried() {
        answer = call -> call == 1 ? 429 : 200;
        WebhookDelivery first = delivery(webhook(url()));

        assertThat(run(first.id(), true).outcome()).isEqualTo(DeliveryOutcome.DELIVERED);
        assertThat(received).hasSize(2);
    }

    @Test
    void no_answer_is_recorded_as_failed_and_retried() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        Webhook webhook = webhook("http://127.0.0.1:" + closedPort + "/hook");
        WebhookDelivery first = delivery(webhook);

        DeliveryChainResult result = run(first.id(), true);

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.GAVE_UP);
        List<WebhookDelivery> chain = webhooks.listChain(first.id());
        assertThat(chain).hasSize(9).allMatch(d -> d.status() == DeliveryStatus.FAILED && d.errorMessage() != null);
    }

    @Test
    void without_automatic_redelivery_a_500_is_sent_once() {
        answer = call -> 500;
        WebhookDelivery first = delivery(webhook(url()));

        assertThat(run(first.id(), false).outcome()).isEqualTo(DeliveryOutcome.GAVE_UP);
        assertThat(received).hasSize(1);
    }

    @Test
    void a_redelivery_is_a_new_delivery_carrying_the_original_delivery_id() {
        answer = call -> 200;
        Webhook webhook = webhook(url());
        WebhookDelivery first = delivery(webhook);
        run(first.id(), true);

        WebhookDelivery again = webhooks.createDelivery(new NewDelivery(
                RandomIds.newId(),
                webhook.id(),
                first.originalDeliveryId(),
                null,
                0,
                true,
                first.eventType(),
                null,
                "x"));
        String redeliveredBody = WebhookPayloads.asRedelivery(
                webhooks.findDelivery(first.id()).orElseThrow().requestBody(), again.id());
        assertThat(redeliveredBody)
                .contains("\"deliveryId\":\"" + again.id() + "\"", "\"originalDeliveryId\":\"" + first.id() + "\"");
    }

    @Test
    void a_url_that_leads_to_a_non_public_address_at_delivery_time_is_not_posted_to_and_each_attempt_says_why() {
        answer = call -> 200;
        // reaches the receiver (127.0.0.1), but by an address the allow-list does not name: as a name would that
        // resolves to a private address only after the webhook was saved
        Webhook webhook =
                webhook("http://[::ffff:127.0.0.1]:" + receiver.getAddress().getPort() + "/hook");
        WebhookDelivery first = delivery(webhook);

        DeliveryChainResult result = run(first.id(), true);

        assertThat(result.outcome()).isEqualTo(DeliveryOutcome.GAVE_UP);
        assertThat(received).as("nothing was posted").isEmpty();
        assertThat(webhooks.listChain(first.id())).allSatisfy(attempt -> {
            assertThat(attempt.status()).isEqualTo(DeliveryStatus.FAILED);
            assertThat(attempt.errorMessage()).endsWith("a loopback address: webhooks go to public addresses only");
        });
    }

    private DeliveryChainResult run(String deliveryId, boolean automaticRedelivery) {
        WebhookDeliveryWorkflow workflow = client.newWorkflowStub(
                WebhookDeliveryWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(WebhookDeliveryWorkflow.workflowId(deliveryId))
                        .setTaskQueue(WebhookDeliveryWorkflow.TASK_QUEUE)
                        .build());
        return workflow.run(new DeliveryChainRequest(deliveryId, automaticRedelivery));
    }

    private String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private Webhook webhook(String url) {
        return webhooks.create(merchant.id(), new WebhookSettings(url, SECRET, true, true, true, List.of()));
    }

    private WebhookDelivery delivery(Webhook webhook) {
        String id = RandomIds.newId();
        String body = "{\"deliveryId\":\"" + id + "\",\"webhookId\":\"" + webhook.id() + "\",\"originalDeliveryId\":\""
                + id + "\",\"isRedelivery\":false,\"type\":\"InvoiceSettled\",\"timestamp\":1740823200,"
                + "\"storeId\":\"" + merchant.id() + "\",\"invoiceId\":\"inv1\",\"metadata\":{},"
                + "\"manuallyMarked\":false,\"overPaid\":false}";
        return webhooks.createDelivery(
                new NewDelivery(id, webhook.id(), id, null, 0, false, "InvoiceSettled", null, body));
    }

    /** Computed here with javax.crypto directly, not with the production WebhookSignature. */
    static String independentHmac(String secret, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
