package com.flash.backoffice.portal.invoice.api;

import static com.flash.backoffice.db.jooq.Tables.API_IDEMPOTENCY;
import static com.flash.backoffice.db.jooq.Tables.AUDIT_LOG;
import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static com.flash.backoffice.db.jooq.Tables.WEBHOOK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.invoice.InvoiceWorkflows;
import com.flash.backoffice.workflows.invoice.MarkRequest;
import com.flash.backoffice.workflows.invoice.MarkTarget;
import com.sun.net.httpserver.HttpServer;
import io.temporal.client.WorkflowClient;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hamcrest.Matchers;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Greenfield API through the whole application (security chain, services, MariaDB, Temporal). */
@PortalSpringTest
class GreenfieldApiIT {

    static final String VIEW = "btcpay.store.canviewinvoices";
    static final String CREATE = "btcpay.store.cancreateinvoice";
    static final String MODIFY = "btcpay.store.canmodifyinvoices";
    static final String SETTINGS = "btcpay.store.canmodifystoresettings";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc;
    private final DSLContext dsl;
    private final ApiKeyRepository keys;
    private final MerchantRepository merchants;
    private final ExchangeRateRepository rates;
    private final WorkflowClient workflowClient;

    private Merchant store;
    private Merchant otherStore;
    private String fullKey;

    GreenfieldApiIT(
            @Autowired WebApplicationContext context,
            @Autowired DSLContext dsl,
            @Autowired ApiKeyRepository keys,
            @Autowired MerchantRepository merchants,
            @Autowired ExchangeRateRepository rates,
            @Autowired WorkflowClient workflowClient) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.dsl = dsl;
        this.keys = keys;
        this.merchants = merchants;
        this.rates = rates;
        this.workflowClient = workflowClient;
    }

    @BeforeEach
    void stores() {
        store = merchants.create(NewMerchant.withDefaults("Api store " + System.nanoTime(), "BTC"));
        otherStore = merchants.create(NewMerchant.withDefaults("Other store " + System.nanoTime(), "BTC"));
        fullKey = key(store.id(), SETTINGS);
    }

    // --- authentication and permissions

    @Test
    void no_key_is_401_unauthenticated_without_a_login_redirect() throws Exception {
        mvc.perform(get(invoices(store.id())))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
    }

    @Test
    void unknown_and_revoked_keys_are_401() throws Exception {
        call(get(invoices(store.id())), "not-a-key").andExpect(status().isUnauthorized());
        var created = keys.create("revoked", store.id(), List.of(SETTINGS), "test");
        keys.revoke(created.id(), "test");
        call(get(invoices(store.id())), created.plaintextKey())
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
    }

    @Test
    void a_key_for_another_store_is_403_and_writes_nothing() throws Exception {
        String otherKey = key(otherStore.id(), SETTINGS);
        long before = rows();
        call(post(invoices(store.id())).content("{\"amount\":\"0.001\",\"currency\":\"BTC\"}"), otherKey)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("missing-permission"));
        call(get(invoices(store.id())), otherKey).andExpect(status().isForbidden());
        call(get("/api/v1/stores/" + store.id() + "/webhooks"), otherKey).andExpect(status().isForbidden());
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void a_missing_permission_is_403() throws Exception {
        String viewOnly = key(store.id(), VIEW);
        call(post(invoices(store.id())).content("{\"amount\":\"0.001\",\"currency\":\"BTC\"}"), viewOnly)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("missing-permission"));
        String createOnly = key(store.id(), CREATE);
        call(get(invoices(store.id())), createOnly).andExpect(status().isForbidden());
        call(get("/api/v1/stores/" + store.id() + "/webhooks"), key(store.id(), MODIFY))
                .andExpect(status().isForbidden());
    }

    @Test
    void an_unknown_store_is_404_for_a_key_without_a_store() throws Exception {
        String global = key(null, SETTINGS);
        call(get(invoices("nosuchstore")), global)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("store-not-found"));
    }

    // --- invoices

    @Test
    void create_get_list_update_archive_an_invoice() throws Exception {
        JsonNode created =
                json(call(post(invoices(store.id())).content("""
                {"amount":"0.0015","currency":"BTC","metadata":{"orderId":"ord-1","buyerEmail":"a@b.c"},
                 "checkout":{"speedPolicy":"LowSpeed","expirationMinutes":30,"monitoringMinutes":60,
                             "paymentTolerance":1.5,"redirectURL":"https://shop.example/done"}}
                """), fullKey).andExpect(status().isOk()));
        String id = created.get("id").asString();
        assertThat(created.get("amount").asString()).isEqualTo("0.0015");
        assertThat(created.get("status").asString()).isEqualTo("New");
        assertThat(created.get("additionalStatus").asString()).isEqualTo("None");
        assertThat(created.get("type").asString()).isEqualTo("Standard");
        assertThat(created.get("checkoutLink").asString()).endsWith("/i/" + id);
        assertThat(created.get("checkout").get("speedPolicy").asString()).isEqualTo("LowSpeed");
        assertThat(created.get("checkout").get("expirationMinutes").asInt()).isEqualTo(30);
        assertThat(created.get("checkout").get("redirectURL").asString()).isEqualTo("https://shop.example/done");
        assertThat(created.get("expirationTime").asLong()
                        - created.get("createdTime").asLong())
                .isEqualTo(1800);
        assertThat(created.get("metadata").get("buyerEmail").asString()).isEqualTo("a@b.c");

        call(get(invoices(store.id()) + "/" + id), key(store.id(), VIEW))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id))
                .andExpect(jsonPath("$.storeId").value(store.id()));
        call(get(invoices(store.id())).param("orderId", "ord-1"), fullKey)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.length()").value(1))
                .andExpect(jsonPath("$[0].id").value(id));
        call(get(invoices(store.id())).param("status", "Settled"), fullKey)
                .andExpect(jsonPath("$.length()").value(0));
        call(get(invoices(store.id())).param("status", "Bogus"), fullKey).andExpect(status().is(422));
        call(get(invoices(otherStore.id()) + "/" + id), key(otherStore.id(), VIEW))
                .andExpect(status().isNotFound());

        call(put(invoices(store.id()) + "/" + id).content("{\"metadata\":{\"orderId\":\"ord-2\"}}"), fullKey)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.metadata.orderId").value("ord-2"));
        call(put(invoices(store.id()) + "/" + id).content("{\"metadata\":[1]}"), fullKey)
                .andExpect(status().is(422))
                .andExpect(jsonPath("$[0].path").value("metadata"));

        call(get(invoices(store.id()) + "/" + id + "/payment-methods"), fullKey)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].paymentMethodId").value("BTC-CHAIN"))
                .andExpect(jsonPath("$[0].amount").value("0.0015"))
                .andExpect(jsonPath("$[0].due").value("0.0015"))
                .andExpect(jsonPath("$[1].paymentMethodId").value("BTC-LN"))
                .andExpect(jsonPath("$[1].destination").value(startsWith("lnsimulated")))
                .andExpect(jsonPath("$[1].paymentLink").value(startsWith("lightning:LNSIMULATED")));

        call(delete(invoices(store.id()) + "/" + id), fullKey).andExpect(status().isOk());
        call(get(invoices(store.id())), fullKey)
                .andExpect(jsonPath("$.length()").value(0));
        call(get(invoices(store.id())).param("includeArchived", "true"), fullKey)
                .andExpect(jsonPath("$[0].archived").value(true));
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.TARGET_ID.eq(id))).isGreaterThanOrEqualTo(3);
    }

    @Test
    void mark_settled_through_the_workflow_is_audited_with_the_key_as_actor() throws Exception {
        String id = createInvoice(fullKey);
        call(post(invoices(store.id()) + "/" + id + "/status").content("{\"status\":\"Settled\"}"), fullKey)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("Settled"))
                .andExpect(jsonPath("$.additionalStatus").value("Marked"));
        call(post(invoices(store.id()) + "/" + id + "/status").content("{\"status\":\"New\"}"), fullKey)
                .andExpect(status().is(422))
                .andExpect(jsonPath("$[0].path").value("status"));
        String keyId = keys.findActiveByPlaintext(fullKey).orElseThrow().id();
        assertThat(dsl.fetchCount(AUDIT_LOG, AUDIT_LOG.TARGET_ID.eq(id).and(AUDIT_LOG.ACTOR.eq("apikey:" + keyId))))
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void bad_inputs_are_answered_4xx_with_the_documented_body_and_write_nothing() throws Exception {
        String huge = "{\"amount\":\"1\",\"currency\":\"BTC\",\"metadata\":{\"x\":\"" + "a".repeat(70_000) + "\"}}";
        Object[][] cases = {
            {"{\"amount\":\"-1\",\"currency\":\"BTC\"}", 422, "amount"},
            {"{\"amount\":\"0\",\"currency\":\"BTC\"}", 422, "amount"},
            {"{\"amount\":\"0.123456789\",\"currency\":\"BTC\"}", 422, "amount"},
            {"{\"amount\":1.5,\"currency\":\"SATS\"}", 422, "amount"},
            {"{\"amount\":\"1\",\"currency\":\"XYZ1\"}", 422, "currency"},
            {"{\"amount\":\"abc\",\"currency\":\"BTC\"}", 422, "amount"},
            {"{\"amount\":\"1\",\"currency\":\"BTC\",\"metadata\":\"text\"}", 422, "metadata"},
            {"{\"amount\":\"1\",\"currency\":\"BTC\",\"metadata\":[1,2]}", 422, "metadata"},
            {huge, 422, "metadata"},
            {
                "{\"amount\":\"1\",\"currency\":\"BTC\",\"checkout\":{\"expirationMinutes\":0}}",
                422,
                "checkout.expirationMinutes"
            },
            {
                "{\"amount\":\"1\",\"currency\":\"BTC\",\"checkout\":{\"expirationMinutes\":100000}}",
                422,
                "checkout.expirationMinutes"
            },
            {
                "{\"amount\":\"1\",\"currency\":\"BTC\",\"checkout\":{\"speedPolicy\":\"Warp\"}}",
                422,
                "checkout.speedPolicy"
            },
            {
                "{\"amount\":\"1\",\"currency\":\"BTC\",\"checkout\":{\"redirectURL\":\"javascript:x\"}}",
                422,
                "checkout.redirectURL"
            },
        };
        long before = rows();
        for (Object[] c : cases) {
            call(post(invoices(store.id())).content((String) c[0]).header("Idempotency-Key", "k-" + c[2]), fullKey)
                    .andExpect(status().is((Integer) c[1]))
                    .andExpect(jsonPath("$[0].path").value((String) c[2]))
                    .andExpect(jsonPath("$[0].message").isNotEmpty());
        }
        call(post(invoices(store.id())).content("{\"amount\": 1,"), fullKey)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-json"));
        call(post(invoices(store.id())).content("[1]"), fullKey)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-json"));
        assertThat(rows()).isEqualTo(before);
    }

    @Test
    void a_fiat_invoice_is_refused_422_with_the_reason_while_the_newest_rate_is_older_than_the_maximum_age()
            throws Exception {
        rates.record(new ExchangeRate(
                "NOK",
                new BigDecimal("1050000"),
                "median of kraken,coingecko",
                null,
                "rate-fetcher",
                Instant.now().minus(Duration.ofMinutes(11))));
        String body = "{\"amount\":\"100\",\"currency\":\"NOK\"}";

        call(post(invoices(store.id())).content(body), fullKey)
                .andExpect(status().is(422))
                .andExpect(jsonPath("$[0].path").value("currency"))
                .andExpect(jsonPath("$[0].message")
                        .value(Matchers.startsWith(
                                "The newest NOK exchange rate is 11 minutes old" + " (median of kraken,coingecko, ")))
                .andExpect(jsonPath("$[0].message")
                        .value(Matchers.endsWith("older than the 10 minutes allowed: the rate sources"
                                + " are failing; FINANCE may set a manual rate.")));
        assertThat(dsl.fetchCount(INVOICE, INVOICE.MERCHANT_ID.eq(store.id()))).isZero();

        rates.record(new ExchangeRate("NOK", new BigDecimal("1050000"), "kraken", null, "rate-fetcher", Instant.now()));
        call(post(invoices(store.id())).content(body), fullKey)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.currency").value("NOK"));
        assertThat(dsl.fetchCount(INVOICE, INVOICE.MERCHANT_ID.eq(store.id()))).isOne();
    }

    @Test
    void the_same_idempotency_key_and_body_returns_the_first_response_and_creates_one_invoice() throws Exception {
        String body = "{\"amount\":\"0.002\",\"currency\":\"BTC\"}";
        long invoicesBefore = dsl.fetchCount(INVOICE);
        String first = call(post(invoices(store.id())).content(body).header("Idempotency-Key", "order-77"), fullKey)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String second = call(post(invoices(store.id())).content(body).header("Idempotency-Key", "order-77"), fullKey)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(second).isEqualTo(first);
        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(invoicesBefore + 1);
        call(
                        post(invoices(store.id()))
                                .content("{\"amount\":\"0.003\",\"currency\":\"BTC\"}")
                                .header("Idempotency-Key", "order-77"),
                        fullKey)
                .andExpect(status().is(422))
                .andExpect(jsonPath("$.code").value("idempotency-key-reused"));
        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(invoicesBefore + 1);
    }

    @Test
    void a_key_held_by_a_request_that_died_is_refused_during_its_lease_and_free_after_it() throws Exception {
        String body = "{\"amount\":\"0.004\",\"currency\":\"BTC\"}";
        String keyId = keys.findActiveByPlaintext(fullKey).orElseThrow().id();
        dsl.insertInto(API_IDEMPOTENCY)
                .set(API_IDEMPOTENCY.API_KEY_ID, keyId)
                .set(API_IDEMPOTENCY.IDEMPOTENCY_KEY, "order-died")
                .set(API_IDEMPOTENCY.REQUEST_HASH, sha256(store.id() + "\n" + body))
                .set(API_IDEMPOTENCY.CREATED_AT, LocalDateTime.now(ZoneOffset.UTC))
                .set(
                        API_IDEMPOTENCY.LEASE_UNTIL,
                        LocalDateTime.now(ZoneOffset.UTC).plusMinutes(1))
                .execute();
        long invoicesBefore = dsl.fetchCount(INVOICE);

        call(post(invoices(store.id())).content(body).header("Idempotency-Key", "order-died"), fullKey)
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.code").value("idempotency-key-in-progress"));
        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(invoicesBefore);

        dsl.update(API_IDEMPOTENCY)
                .set(
                        API_IDEMPOTENCY.LEASE_UNTIL,
                        LocalDateTime.now(ZoneOffset.UTC).minusSeconds(1))
                .where(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq("order-died"))
                .execute();
        String created = call(post(invoices(store.id())).content(body).header("Idempotency-Key", "order-died"), fullKey)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        String replayed = call(
                        post(invoices(store.id())).content(body).header("Idempotency-Key", "order-died"), fullKey)
                .andExpect(status().isOk())
                .andReturn()
                .getResponse()
                .getContentAsString();
        assertThat(replayed).isEqualTo(created);
        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(invoicesBefore + 1);
    }

    @Test
    void a_retry_after_a_failure_that_came_after_the_invoice_was_committed_returns_that_invoice() throws Exception {
        String body = "{\"amount\":\"0.005\",\"currency\":\"BTC\"}";
        String firstId = JSON.readTree(
                        call(post(invoices(store.id())).content(body).header("Idempotency-Key", "order-88"), fullKey)
                                .andExpect(status().isOk())
                                .andReturn()
                                .getResponse()
                                .getContentAsString())
                .get("id")
                .asString();
        assertThat(dsl.fetchValue(API_IDEMPOTENCY.RESOURCE_ID, API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq("order-88")))
                .as("recorded with the invoice")
                .isEqualTo(firstId);
        long invoicesBefore = dsl.fetchCount(INVOICE);
        // what a request that failed after the invoice row committed leaves: its invoice, no response, no lease
        dsl.update(API_IDEMPOTENCY)
                .setNull(API_IDEMPOTENCY.STATUS_CODE)
                .setNull(API_IDEMPOTENCY.RESPONSE_BODY)
                .setNull(API_IDEMPOTENCY.LEASE_UNTIL)
                .where(API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq("order-88"))
                .execute();

        String retriedId = json(call(
                                post(invoices(store.id())).content(body).header("Idempotency-Key", "order-88"), fullKey)
                        .andExpect(status().isOk()))
                .get("id")
                .asString();

        assertThat(retriedId).isEqualTo(firstId);
        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(invoicesBefore);
        assertThat(dsl.fetchValue(API_IDEMPOTENCY.STATUS_CODE, API_IDEMPOTENCY.IDEMPOTENCY_KEY.eq("order-88")))
                .isEqualTo(200);
    }

    @Test
    void a_mark_that_applied_without_its_audit_entry_is_audited_once_by_its_retry() throws Exception {
        String id = createInvoice(fullKey);
        String actor =
                "apikey:" + keys.findActiveByPlaintext(fullKey).orElseThrow().id();
        // the workflow applied the mark, the request's audit was lost (the portal died, or the closed-workflow
        // fallback answered "already settled" for the mark that had just applied)
        InvoiceWorkflows.mark(
                workflowClient,
                id,
                new MarkRequest(MarkTarget.SETTLED, actor, "Marked SETTLED through the API by " + actor));
        assertThat(markAudits(id)).isZero();

        for (int retry = 0; retry < 2; retry++) {
            call(post(invoices(store.id()) + "/" + id + "/status").content("{\"status\":\"Settled\"}"), fullKey)
                    .andExpect(status().is(422));
        }

        assertThat(markAudits(id)).isEqualTo(1);
    }

    private int markAudits(String invoiceId) {
        return dsl.fetchCount(
                AUDIT_LOG, AUDIT_LOG.TARGET_ID.eq(invoiceId).and(AUDIT_LOG.ACTION.eq("invoice.mark-settled")));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    // --- webhooks

    @Test
    void a_webhook_to_a_private_loopback_or_metadata_address_is_refused_and_nothing_is_saved() throws Exception {
        String hooks = "/api/v1/stores/" + store.id() + "/webhooks";
        for (String url : List.of(
                "http://10.0.0.7/hook",
                "http://169.254.169.254/latest/meta-data/",
                "http://[::1]:8080/hook",
                "https://192.168.1.20/hook",
                "http://100.64.0.1/hook")) {
            call(post(hooks).content("{\"url\":\"" + url + "\"}"), fullKey)
                    .andExpect(status().is(422))
                    .andExpect(jsonPath("$[0].path").value("url"))
                    .andExpect(jsonPath("$[0].message")
                            .value(org.hamcrest.Matchers.endsWith(": webhooks go to public addresses only.")));
        }
        call(get(hooks), fullKey).andExpect(jsonPath("$.length()").value(0));
    }

    @Test
    void webhook_crud_and_a_signed_delivery_with_redelivery() throws Exception {
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
        try {
            String hooks = "/api/v1/stores/" + store.id() + "/webhooks";
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            call(post(hooks).content("{\"url\":\"ftp://x\"}"), fullKey)
                    .andExpect(status().is(422))
                    .andExpect(jsonPath("$[0].path").value("url"));
            call(
                            post(hooks)
                                    .content(
                                            "{\"url\":\"" + url
                                                    + "\",\"authorizedEvents\":{\"everything\":false,\"specificEvents\":[\"Nope\"]}}"),
                            fullKey)
                    .andExpect(status().is(422));
            JsonNode hook = json(call(
                            post(hooks)
                                    .content("{\"url\":\"" + url + "\",\"authorizedEvents\":{\"everything\":false,"
                                            + "\"specificEvents\":[\"InvoiceCreated\"]}}"),
                            fullKey)
                    .andExpect(status().isOk()));
            String hookId = hook.get("id").asString();
            String secret = hook.get("secret").asString();
            assertThat(secret).isNotBlank();
            call(get(hooks + "/" + hookId), fullKey)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.secret").doesNotExist())
                    .andExpect(jsonPath("$.authorizedEvents.specificEvents[0]").value("InvoiceCreated"));
            call(get(hooks), fullKey).andExpect(jsonPath("$.length()").value(1));

            String invoiceId = createInvoice(fullKey);
            long deadline = System.currentTimeMillis() + 30_000;
            while (received.isEmpty() && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(received).hasSize(1);
            String body = received.get(0)[0];
            assertThat(received.get(0)[1]).isEqualTo("sha256=" + hmac(secret, body));
            JsonNode payload = JSON.readTree(body);
            assertThat(payload.get("type").asString()).isEqualTo("InvoiceCreated");
            assertThat(payload.get("invoiceId").asString()).isEqualTo(invoiceId);
            assertThat(payload.get("storeId").asString()).isEqualTo(store.id());
            assertThat(payload.get("webhookId").asString()).isEqualTo(hookId);
            assertThat(payload.get("isRedelivery").asBoolean()).isFalse();
            String deliveryId = payload.get("deliveryId").asString();
            assertThat(payload.get("originalDeliveryId").asString()).isEqualTo(deliveryId);

            awaitDeliveryStatus(hooks + "/" + hookId + "/deliveries/" + deliveryId, "HttpSuccess");
            String newId = JSON.readTree(
                            call(post(hooks + "/" + hookId + "/deliveries/" + deliveryId + "/redeliver"), fullKey)
                                    .andExpect(status().isOk())
                                    .andReturn()
                                    .getResponse()
                                    .getContentAsString())
                    .asString();
            assertThat(newId).isNotEqualTo(deliveryId);
            deadline = System.currentTimeMillis() + 30_000;
            while (received.size() < 2 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            JsonNode again = JSON.readTree(received.get(1)[0]);
            assertThat(again.get("deliveryId").asString()).isEqualTo(newId);
            assertThat(again.get("originalDeliveryId").asString()).isEqualTo(deliveryId);
            assertThat(again.get("isRedelivery").asBoolean()).isTrue();
            assertThat(received.get(1)[1]).isEqualTo("sha256=" + hmac(secret, received.get(1)[0]));
            call(get(hooks + "/" + hookId + "/deliveries"), fullKey)
                    .andExpect(jsonPath("$.length()").value(2));

            call(put(hooks + "/" + hookId).content("{\"url\":\"" + url + "\",\"enabled\":false}"), fullKey)
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.enabled").value(false));
            call(delete(hooks + "/" + hookId), fullKey).andExpect(status().isOk());
            call(get(hooks + "/" + hookId), fullKey)
                    .andExpect(status().isNotFound())
                    .andExpect(jsonPath("$.code").value("webhook-not-found"));
            assertThat(dsl.fetchCount(WEBHOOK, WEBHOOK.MERCHANT_ID.eq(store.id())))
                    .isZero();
        } finally {
            receiver.stop(0);
        }
    }

    private void awaitDeliveryStatus(String path, String expected) throws Exception {
        long deadline = System.currentTimeMillis() + 15_000;
        String status = "";
        while (System.currentTimeMillis() < deadline) {
            status = json(call(get(path), fullKey)).get("status").asString();
            if (status.equals(expected)) {
                return;
            }
            Thread.sleep(200);
        }
        assertThat(status).isEqualTo(expected);
    }

    private String createInvoice(String key) throws Exception {
        return json(call(post(invoices(store.id())).content("{\"amount\":\"0.001\",\"currency\":\"BTC\"}"), key)
                        .andExpect(status().isOk()))
                .get("id")
                .asString();
    }

    private long rows() {
        return dsl.fetchCount(INVOICE) + dsl.fetchCount(API_IDEMPOTENCY) + dsl.fetchCount(AUDIT_LOG);
    }

    @Test
    void several_statuses_list_as_one_newest_first_list_that_pages_without_gaps_or_repeats() throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(json(call(
                                    post(invoices(store.id())).content("{\"amount\":\"0.001\",\"currency\":\"BTC\"}"),
                                    fullKey)
                            .andExpect(status().isOk()))
                    .get("id")
                    .asString());
        }
        call(post(invoices(store.id()) + "/" + ids.get(1) + "/status").content("{\"status\":\"Invalid\"}"), fullKey)
                .andExpect(status().isOk());

        List<String> all = listIds(
                get(invoices(store.id())).param("status", "New", "Invalid").param("take", "10"));
        List<String> firstPage = listIds(
                get(invoices(store.id())).param("status", "New", "Invalid").param("take", "2"));
        List<String> secondPage = listIds(get(invoices(store.id()))
                .param("status", "Invalid", "New")
                .param("skip", "2")
                .param("take", "2"));

        assertThat(all).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(firstPage).containsExactlyElementsOf(all.subList(0, 2));
        assertThat(secondPage).containsExactlyElementsOf(all.subList(2, 3));
        assertThat(listIds(get(invoices(store.id())).param("status", "Invalid")))
                .containsExactly(ids.get(1));
    }

    private List<String> listIds(MockHttpServletRequestBuilder request) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        json(call(request, fullKey).andExpect(status().isOk()))
                .forEach(invoice -> ids.add(invoice.get("id").asString()));
        return ids;
    }

    private String key(String storeId, String... permissions) {
        return keys.create("test", storeId, List.of(permissions), "test").plaintextKey();
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String key) throws Exception {
        return mvc.perform(request.header("Authorization", "token " + key).contentType(MediaType.APPLICATION_JSON));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static String invoices(String storeId) {
        return "/api/v1/stores/" + storeId + "/invoices";
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
