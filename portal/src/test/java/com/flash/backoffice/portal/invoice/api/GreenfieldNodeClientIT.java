package com.flash.backoffice.portal.invoice.api;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.FlashApplication;
import com.flash.backoffice.portal.api.StorePermissions;
import com.flash.backoffice.portal.testsupport.BrowserTestInitializer;
import com.flash.backoffice.portal.testsupport.TestServersInitializer;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Greenfield API as an existing client sees it: the published {@code btcpay-greenfield-node-client} (generated
 * from BTCPay's OpenAPI spec), installed with {@code npm ci} from the committed lock file and used unchanged by
 * {@code src/test/greenfield-client/run.js} against the portal on a real port. Needs Node.js and npm on the PATH.
 */
// the same configuration as the browser tests, so the suite starts one application with a real port, not two
@SpringBootTest(classes = FlashApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ContextConfiguration(initializers = {TestServersInitializer.class, BrowserTestInitializer.class})
class GreenfieldNodeClientIT {

    static final Path CLIENT_SOURCES = Path.of("src/test/greenfield-client");
    static final Path CLIENT_DIR = Path.of("target/greenfield-client");
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    ApiKeyRepository keys;

    @Autowired
    DSLContext dsl;

    @Test
    void the_published_greenfield_node_client_works_unchanged_against_the_api() throws Exception {
        installClient();
        Merchant store = merchants.create(NewMerchant.withDefaults("Node client store " + System.nanoTime(), "BTC"));
        String apiKey = keys.create(
                        "node client",
                        store.id(),
                        List.of(
                                StorePermissions.VIEW_INVOICES,
                                StorePermissions.CREATE_INVOICE,
                                StorePermissions.MODIFY_INVOICES,
                                StorePermissions.MODIFY_WEBHOOKS),
                        "test")
                .plaintextKey();
        List<String[]> received = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            received.add(new String[] {
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                exchange.getRequestHeaders().getFirst("BTCPay-Sig")
            });
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        JsonNode r;
        try {
            r = runClient(Map.of(
                    "BASE_URL",
                    "http://127.0.0.1:" + port,
                    "API_KEY",
                    apiKey,
                    "STORE_ID",
                    store.id(),
                    "HOOK_URL",
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook"));
            awaitDeliveries(received, 3);
        } finally {
            receiver.stop(0);
        }
        long now = Instant.now().getEpochSecond();

        JsonNode hook = r.get("webhookCreated");
        String secret = hook.get("secret").asString();
        assertThat(secret).isNotBlank();
        assertThat(hook.get("enabled").asBoolean()).isTrue();
        assertThat(hook.get("automaticRedelivery").asBoolean()).isFalse();
        assertThat(hook.get("authorizedEvents").get("everything").asBoolean()).isFalse();
        assertThat(texts(hook.get("authorizedEvents").get("specificEvents"))).containsExactly("InvoiceCreated");
        assertThat(ids(r.get("webhookList"))).containsExactly(hook.get("id").asString());
        assertThat(r.get("webhookGet").get("id").asString())
                .isEqualTo(hook.get("id").asString());
        assertThat(r.get("webhookGet").has("secret")).isFalse();

        JsonNode created = r.get("invoiceCreated");
        String invoiceId = created.get("id").asString();
        assertThat(created.get("storeId").asString()).isEqualTo(store.id());
        assertDecimalString(created.get("amount"), "0.00125");
        assertThat(created.get("currency").asString()).isEqualTo("BTC");
        assertThat(created.get("status").asString()).isEqualTo("New");
        assertThat(created.get("additionalStatus").asString()).isEqualTo("None");
        assertThat(created.get("checkoutLink").asString()).isEqualTo("http://127.0.0.1:" + port + "/i/" + invoiceId);
        assertUnixSecondsNear(created.get("createdTime"), now);
        assertThat(created.get("expirationTime").asLong()
                        - created.get("createdTime").asLong())
                .isEqualTo(30 * 60);
        assertThat(created.get("monitoringExpiration").asLong()
                        - created.get("expirationTime").asLong())
                .isEqualTo(120 * 60);
        assertThat(created.get("metadata").get("orderId").asString()).isEqualTo("node-order-1");
        assertThat(created.get("metadata").get("buyerEmail").asString()).isEqualTo("buyer@example.com");
        JsonNode checkout = created.get("checkout");
        assertThat(checkout.get("speedPolicy").asString()).isEqualTo("LowMediumSpeed");
        assertThat(checkout.get("expirationMinutes").asInt()).isEqualTo(30);
        assertThat(checkout.get("monitoringMinutes").asInt()).isEqualTo(120);
        assertThat(checkout.get("paymentTolerance").decimalValue()).isEqualByComparingTo("1.5");
        assertThat(checkout.get("redirectURL").asString()).isEqualTo("https://shop.example/orders/node-order-1");

        assertThat(r.get("invoiceCreatedAgain").get("id").asString())
                .as("same Idempotency-Key and body: the first invoice again")
                .isEqualTo(invoiceId);
        assertThat(r.get("invoiceGet").get("id").asString()).isEqualTo(invoiceId);
        assertDecimalString(r.get("invoiceGet").get("amount"), "0.00125");
        assertThat(ids(r.get("invoiceList"))).containsExactly(invoiceId);

        JsonNode methods = r.get("paymentMethods");
        assertThat(methods.size()).isEqualTo(2);
        assertThat(methods.get(0).get("paymentMethodId").asString()).isEqualTo("BTC-CHAIN");
        assertThat(methods.get(0).get("paymentMethod").asString()).isEqualTo("BTC");
        assertThat(methods.get(1).get("paymentMethodId").asString()).isEqualTo("BTC-LN");
        assertThat(methods.get(1).get("paymentMethod").asString()).isEqualTo("BTC-LightningNetwork");
        assertDecimalString(methods.get(0).get("amount"), "0.00125");
        assertDecimalString(methods.get(0).get("due"), "0.00125");
        assertDecimalString(methods.get(0).get("totalPaid"), "0");
        assertThat(methods.get(0).get("payments").isArray()).isTrue();

        JsonNode updated = r.get("invoiceUpdated");
        assertThat(updated.get("metadata").get("orderId").asString()).isEqualTo("node-order-1b");
        assertThat(updated.get("metadata").get("note").asString()).isEqualTo("updated by the node client");

        JsonNode marked = r.get("invoiceMarked");
        assertThat(marked.get("status").asString()).isEqualTo("Settled");
        assertThat(marked.get("additionalStatus").asString()).isEqualTo("Marked");
        JsonNode second = r.get("secondInvoiceMarked");
        assertThat(second.get("status").asString()).isEqualTo("Invalid");
        assertThat(second.get("additionalStatus").asString()).isEqualTo("Marked");
        assertThat(second.get("currency").asString()).isEqualTo("SATS");
        assertDecimalString(second.get("amount"), "25000");

        assertThat(r.get("invoiceArchived").isNull()).isTrue();
        assertThat(ids(r.get("invoiceListAfterArchive")))
                .containsExactly(second.get("id").asString());
        assertThat(r.get("invoiceGetAfterArchive").get("archived").asBoolean()).isTrue();
        assertThat(dsl.fetchCount(INVOICE, INVOICE.MERCHANT_ID.eq(store.id())))
                .as("one invoice per Idempotency-Key")
                .isEqualTo(2);

        JsonNode deliveries = r.get("deliveries");
        assertThat(deliveries.size()).isEqualTo(2);
        for (JsonNode delivery : deliveries) {
            assertThat(delivery.get("status").asString()).isEqualTo("HttpSuccess");
            assertThat(delivery.get("httpCode").asInt()).isEqualTo(200);
            assertUnixSecondsNear(delivery.get("timestamp"), now);
        }
        String deliveryId = r.get("delivery").get("id").asString();
        assertThat(r.get("deliveryRequest").get("deliveryId").asString()).isEqualTo(deliveryId);
        assertThat(r.get("deliveryRequest").get("type").asString()).isEqualTo("InvoiceCreated");
        assertThat(r.get("deliveryRequest").get("invoiceId").asString())
                .isIn(invoiceId, second.get("id").asString());
        assertThat(r.get("redeliveryId").isString()).isTrue();
        assertThat(r.get("redeliveryId").asString()).isNotBlank().isNotEqualTo(deliveryId);
        assertThat(received).hasSize(3);
        for (String[] delivery : received) {
            assertThat(delivery[1]).isEqualTo("sha256=" + hmac(secret, delivery[0]));
        }
        JsonNode redelivered = JSON.readTree(received.get(2)[0]);
        assertThat(redelivered.get("isRedelivery").asBoolean()).isTrue();
        assertThat(redelivered.get("originalDeliveryId").asString()).isEqualTo(deliveryId);

        assertThat(r.get("webhookUpdated").get("enabled").asBoolean()).isFalse();
        assertThat(r.get("webhookUpdated")
                        .get("authorizedEvents")
                        .get("everything")
                        .asBoolean())
                .isTrue();
        assertThat(r.get("webhookDeleted").isNull()).isTrue();
        assertError(r.get("webhookGetAfterDelete"), 404, "webhook-not-found");

        assertValidation(r.get("validationError"), "amount", "checkout.expirationMinutes");
        assertValidation(r.get("webhookValidationError"), "url");
        assertValidation(r.get("markNewError"), "status");
        assertError(r.get("unknownInvoice"), 404, "invoice-not-found");
        assertError(r.get("badKey"), 401, "unauthenticated");
    }

    private static void assertDecimalString(JsonNode node, String expected) {
        assertThat(node.isString())
                .as("a decimal string, not a JSON number: %s", node)
                .isTrue();
        assertThat(node.asString()).isEqualTo(expected);
    }

    private static void assertUnixSecondsNear(JsonNode node, long now) {
        assertThat(node.isIntegralNumber()).as("unix seconds: %s", node).isTrue();
        assertThat(node.asLong()).isBetween(now - 600, now + 5);
    }

    private static void assertError(JsonNode failure, int status, String code) {
        assertThat(failure.get("status").asInt()).as("%s", failure).isEqualTo(status);
        JsonNode body = failure.get("body");
        assertThat(body.get("code").asString()).isEqualTo(code);
        assertThat(body.get("message").asString()).isNotBlank();
    }

    private static void assertValidation(JsonNode failure, String... paths) {
        assertThat(failure.get("status").asInt()).as("%s", failure).isEqualTo(422);
        JsonNode body = failure.get("body");
        assertThat(body.isArray()).as("%s", body).isTrue();
        List<String> found = new ArrayList<>();
        for (JsonNode error : body) {
            found.add(error.get("path").asString());
            assertThat(error.get("message").asString()).isNotBlank();
        }
        assertThat(found).containsExactlyInAnyOrder(paths);
    }

    private static List<String> ids(JsonNode array) {
        List<String> ids = new ArrayList<>();
        array.forEach(item -> ids.add(item.get("id").asString()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asString()));
        return texts;
    }

    private static void awaitDeliveries(List<String[]> received, int count) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (received.size() < count && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    // --- the Node side

    /** Copies the client project to target/ and installs exactly the locked packages. */
    private static void installClient() throws Exception {
        Files.createDirectories(CLIENT_DIR);
        for (String file : List.of("package.json", "package-lock.json", "run.js")) {
            Files.copy(
                    CLIENT_SOURCES.resolve(file),
                    CLIENT_DIR.resolve(file),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        run(List.of("node", "--version"), Map.of(), 30);
        run(List.of("npm", "ci", "--no-audit", "--no-fund", "--prefer-offline"), Map.of(), 300);
    }

    private static JsonNode runClient(Map<String, String> environment) throws Exception {
        String stdout = run(List.of("node", "run.js"), environment, 180);
        return JSON.readTree(stdout);
    }

    /** Runs a command in the client directory; its standard output, or a failure naming what went wrong. */
    private static String run(List<String> command, Map<String, String> environment, int timeoutSeconds)
            throws Exception {
        Path out = Files.createTempFile("greenfield-client", ".out");
        Path err = Files.createTempFile("greenfield-client", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(CLIENT_DIR.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().putAll(environment);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                return fail(
                        "'%s' could not be started (%s). This test needs Node.js (>= 18) and npm on the PATH, and"
                                + " the npm registry for 'npm ci' the first time; on Debian: apt-get install nodejs"
                                + " npm.",
                        String.join(" ", command), e.getMessage());
            }
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return fail(
                        "'%s' did not finish within %d s. Output so far:%n%s%n%s",
                        String.join(" ", command), timeoutSeconds, Files.readString(out), Files.readString(err));
            }
            if (process.exitValue() != 0) {
                return fail(
                        "'%s' exited with %d:%n%s%n%s",
                        String.join(" ", command), process.exitValue(), Files.readString(err), Files.readString(out));
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
