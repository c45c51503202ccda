package com.flash.backoffice.portal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.portal.apikey.ApiKeyCreateResult;
import com.flash.backoffice.portal.apikey.ApiKeyDraft;
import com.flash.backoffice.portal.apikey.ApiKeyService;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import com.sun.net.httpserver.HttpServer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The main flows that handle secrets, with everything the application logs captured (every thread: requests,
 * workflows, webhook delivery): an API key created on the API keys page and used, a wrong key, an invoice, a webhook
 * with its signing secret delivered to a receiver, a refund claimed over LNURL-withdraw (its claim token and k1), and
 * the configured secrets. None of them may appear in the log.
 */
@PortalSpringTest
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ApplicationContext context;

    @Autowired
    ApiKeyService apiKeyService;

    @Autowired
    RefundRepository refunds;

    @Autowired
    LightningNode node;

    @Autowired
    DSLContext dsl;

    @Autowired
    Environment environment;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void no_known_secret_appears_in_the_log_of_the_main_flows(CapturedOutput output) throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup((WebApplicationContext) context)
                .apply(springSecurity())
                .build();
        Map<String, String> secrets = new LinkedHashMap<>();
        PaidInvoices paid = new PaidInvoices(dsl);
        Merchant store = paid.merchantWithBalance(100_000_000);

        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        ApiKeyCreateResult created = apiKeyService.create(new ApiKeyDraft(
                "secrets",
                store.id(),
                Set.of(
                        "btcpay.store.canmodifystoresettings",
                        "btcpay.store.cancreateinvoice",
                        "btcpay.store.cancreatenonapprovedpullpayments"),
                null));
        String apiKey = created.key().plaintextKey();
        secrets.put("API key from the API keys page", apiKey);
        String wrongKey = "f00d" + apiKey.substring(4);
        secrets.put("a wrong API key", wrongKey);
        KaribuSpring.close();

        int status = mvc.perform(api(get("/api/v1/stores/" + store.id() + "/invoices"), wrongKey))
                .andReturn()
                .getResponse()
                .getStatus();
        assertThat(status).isEqualTo(401);

        List<String> delivered = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hook", exchange -> {
            delivered.add(exchange.getRequestHeaders().getFirst("BTCPay-Sig"));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String webhookSecret = "whsec-" + Long.toHexString(System.nanoTime()) + "-never-in-a-log";
            secrets.put("webhook secret", webhookSecret);
            JsonNode hook = json(mvc.perform(api(
                            post("/api/v1/stores/" + store.id() + "/webhooks")
                                    .content("{\"url\":\"http://127.0.0.1:"
                                            + receiver.getAddress().getPort() + "/hook\",\"secret\":\"" + webhookSecret
                                            + "\"}"),
                            apiKey))
                    .andReturn()
                    .getResponse()
                    .getContentAsString());
            assertThat(hook.path("id").asString()).isNotBlank();

            String invoice = mvc.perform(api(
                            post("/api/v1/stores/" + store.id() + "/invoices")
                                    .header("Idempotency-Key", "secrets-" + System.nanoTime())
                                    .content("{\"amount\":\"0.0002\",\"currency\":\"BTC\"}"),
                            apiKey))
                    .andReturn()
                    .getResponse()
                    .getContentAsString();
            assertThat(json(invoice).path("id").asString()).isNotBlank();
            awaitUntil(() -> !delivered.isEmpty(), "the webhook was delivered");
        } finally {
            receiver.stop(0);
        }

        Invoice settled = paid.settled(store.id(), 10_000_000, 10_000_000, new BigDecimal("50000"), null);
        JsonNode refund = json(mvc.perform(api(
                        post("/api/v1/stores/" + store.id() + "/invoices/" + settled.id() + "/refund")
                                .content(
                                        "{\"refundVariant\":\"RateThen\",\"description\":\"customer returned the item\",\"paymentMethod\":\"BTC-LN\"}"),
                        apiKey))
                .andReturn()
                .getResponse()
                .getContentAsString());
        String refundId = refund.path("id").asString();
        assertThat(refundId).as(refund.toString()).isNotBlank();
        awaitUntil(
                () -> refunds.findById(refundId).orElseThrow().state() == RefundState.AWAITING_CLAIM,
                "the refund awaits its claim");
        Refund stored = refunds.findById(refundId).orElseThrow();
        secrets.put("refund claim token", stored.claimToken());
        secrets.put("refund k1", stored.k1());
        mvc.perform(get("/lnurlw/refund/" + stored.claimToken()).with(remote("10.7.7.7")));
        String bolt11 = ((SimulatedLightningNode) node).foreignInvoice(10_000_000, Duration.ofHours(1));
        mvc.perform(get("/lnurlw/refund/callback")
                .param("k1", stored.k1())
                .param("pr", bolt11)
                .with(remote("10.7.7.7")));
        awaitUntil(
                () -> refunds.findById(refundId).orElseThrow().state() == RefundState.COMPLETED, "the refund was paid");

        for (String property : List.of(
                "spring.datasource.password",
                "spring.security.oauth2.client.registration.keycloak.client-secret",
                "flash.card.master-key",
                "flash.bitcoin.rpc.password")) {
            String value = environment.getProperty(property);
            if (value != null && value.length() >= 8) {
                secrets.put(property, value);
            }
        }

        secrets.put(
                "master key in use",
                java.util.HexFormat.of()
                        .formatHex(MasterKeyConfiguration.masterKey(environment.getProperty("flash.card.master-key"))));

        String canary = "log-capture-canary-" + System.nanoTime();
        org.slf4j.LoggerFactory.getLogger(SecretsNeverLoggedIT.class).warn("{}", canary);

        String log = output.getAll();
        assertThat(log).as("the capture sees what the logging system writes").contains(canary);
        assertThat(secrets).as("secrets checked").hasSizeGreaterThanOrEqualTo(6);
        List<String> leaked = new ArrayList<>();
        secrets.forEach((what, value) -> {
            if (log.contains(value)) {
                leaked.add(what);
            }
        });
        System.out.printf("Secrets checked against %d characters of log: %s%n", log.length(), secrets.keySet());
        assertThat(leaked).as("secrets found in the log").isEmpty();
    }

    private static MockHttpServletRequestBuilder api(MockHttpServletRequestBuilder request, String key) {
        return request.header("Authorization", "token " + key).contentType(MediaType.APPLICATION_JSON);
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor remote(String address) {
        return servlet -> {
            servlet.setRemoteAddr(address);
            return servlet;
        };
    }

    private static JsonNode json(String body) {
        return JSON.readTree(body);
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what)
            throws InterruptedException {
        long until = System.currentTimeMillis() + 30_000;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("not within 30 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
