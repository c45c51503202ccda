package com.flash.backoffice.portal.refund.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceAdditionalStatus;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundRepository;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.db.testsupport.PaidInvoices;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
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

/**
 * Refunds through the whole application: Greenfield's refund and preview routes with BTCPay's shapes, permission and
 * errors (a bad request writes nothing), and the customer's LNURL-withdraw (LUD-03): every bad claim is an ERROR with
 * its reason and pays nothing; a good one is paid by the (simulated) node; limits answer 429 with Retry-After.
 */
@PortalSpringTest
class RefundsApiIT {

    static final String REFUND = "btcpay.store.cancreatenonapprovedpullpayments";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final BigDecimal RATE = new BigDecimal("50000");
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final MockMvc mvc;
    private final DSLContext dsl;
    private final ApiKeyRepository keys;
    private final RefundRepository refunds;
    private final SimulatedLightningNode node;
    private final PaidInvoices paid;

    private Merchant store;
    private Merchant otherStore;
    private String refundKey;
    private String client;

    RefundsApiIT(
            @Autowired WebApplicationContext context,
            @Autowired DSLContext dsl,
            @Autowired ApiKeyRepository keys,
            @Autowired RefundRepository refunds,
            @Autowired LightningNode node) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.dsl = dsl;
        this.keys = keys;
        this.refunds = refunds;
        this.node = (SimulatedLightningNode) node;
        this.paid = new PaidInvoices(dsl);
    }

    @BeforeEach
    void stores() {
        store = paid.merchantWithBalance(100_000_000);
        otherStore = paid.merchantWithBalance(100_000_000);
        refundKey = keys.create("refunds", store.id(), List.of(REFUND), "test").plaintextKey();
        client = "10.9.0." + CLIENTS.incrementAndGet();
    }

    @Test
    void a_refund_is_answered_as_btcpays_pull_payment_approved_within_the_limit_and_claimed_by_lnurl_withdraw()
            throws Exception {
        Invoice invoice = paid.settled(store.id(), 10_000_000, 10_000_000, RATE, null);

        JsonNode created = json(call(post(refundRoute(store, invoice))
                        .content("{\"refundVariant\":\"RateThen\",\"description\":\"customer returned the item\","
                                + "\"paymentMethod\":\"BTC-LN\"}"))
                .andExpect(status().isOk()));

        String id = created.get("id").asString();
        assertThat(created.get("currency").asString()).isEqualTo("BTC");
        assertThat(created.get("amount").asString()).isEqualTo("0.00010000");
        assertThat(created.get("description").asString()).isEqualTo("customer returned the item");
        assertThat(created.get("refundVariant").asString()).isEqualTo("RateThen");
        assertThat(created.get("invoiceId").asString()).isEqualTo(invoice.id());
        Refund stored = awaitState(id, RefundState.AWAITING_CLAIM);
        assertThat(created.get("viewLink").asString()).endsWith("/refunds/claim/" + stored.claimToken());

        JsonNode request =
                json(lnurl(get("/lnurlw/refund/" + stored.claimToken())).andExpect(status().isOk()));
        assertThat(request.get("tag").asString()).isEqualTo("withdrawRequest");
        assertThat(request.get("k1").asString()).isEqualTo(stored.k1());
        assertThat(request.get("minWithdrawable").asLong()).isEqualTo(10_000_000);
        assertThat(request.get("maxWithdrawable").asLong()).isEqualTo(10_000_000);
        assertThat(request.get("callback").asString()).endsWith("/lnurlw/refund/callback");
        assertThat(request.get("defaultDescription").asString()).isEqualTo("Refund of invoice " + invoice.id());

        String bolt11 = node.foreignInvoice(10_000_000, Duration.ofHours(1));
        lnurl(get("/lnurlw/refund/callback").param("k1", stored.k1()).param("pr", bolt11))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("OK"));

        Refund done = awaitState(id, RefundState.COMPLETED);
        assertThat(done.destination()).isEqualTo(bolt11);
        assertThat(done.proof()).isNotBlank();
        assertThat(error(get("/lnurlw/refund/callback").param("k1", stored.k1()).param("pr", bolt11)))
                .isEqualTo("This k1 was already used: the refund is being paid");
        assertThat(error(get("/lnurlw/refund/" + stored.claimToken()))).isEqualTo("The refund was paid already");
        call(get("/api/v1/stores/" + store.id() + "/refunds/" + id))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.state").value("Completed"));
        call(get(refundRoute(store, invoice) + "s"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(id));
    }

    @Test
    void every_bad_claim_gets_lud03s_error_with_its_reason_and_nothing_is_paid() throws Exception {
        Invoice invoice = paid.settled(store.id(), 10_000_000, 10_000_000, RATE, null);
        Refund refund = awaitState(
                start(
                        invoice,
                        "{\"refundVariant\":\"Custom\",\"customAmount\":\"2000\","
                                + "\"customCurrency\":\"SATS\",\"description\":\"partial\"}"),
                RefundState.AWAITING_CLAIM);
        String k1 = refund.k1();

        assertThat(error(get("/lnurlw/refund/callback")
                        .param("k1", "0".repeat(64))
                        .param("pr", invoice(2_000))))
                .isEqualTo("Unknown or already used k1");
        assertThat(error(get("/lnurlw/refund/callback").param("pr", invoice(2_000))))
                .isEqualTo("The k1 parameter is missing");
        assertThat(error(get("/lnurlw/refund/callback").param("k1", k1).param("pr", invoice(2_001))))
                .isEqualTo("The invoice asks for 2001000 msat, above the maxWithdrawable of 2000000 msat");
        assertThat(error(get("/lnurlw/refund/callback").param("k1", k1).param("pr", invoice(1_999))))
                .isEqualTo("The invoice asks for 1999000 msat, below the minWithdrawable of 2000000 msat");
        assertThat(error(get("/lnurlw/refund/callback").param("k1", k1).param("pr", "lnbcrt1notaninvoice")))
                .startsWith("The invoice cannot be decoded");
        assertThat(error(get("/lnurlw/refund/callback").param("k1", k1).param("pr", "not a bolt11")))
                .isEqualTo("pr is not a BOLT11 invoice");
        assertThat(error(get("/lnurlw/refund/callback").param("k1", k1))).contains("pr parameter");
        assertThat(error(get("/lnurlw/refund/unknown-token"))).isEqualTo("Unknown refund link");

        dsl.execute(
                "update refund set claim_expires_at = ? where id = ?",
                java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusMinutes(1),
                refund.id());
        assertThat(error(get("/lnurlw/refund/callback").param("k1", k1).param("pr", invoice(2_000))))
                .isEqualTo("The claim expired");
        assertThat(error(get("/lnurlw/refund/" + refund.claimToken()))).isEqualTo("The claim expired");

        Refund after = refunds.findById(refund.id()).orElseThrow();
        assertThat(after.state()).isEqualTo(RefundState.AWAITING_CLAIM);
        assertThat(after.k1UsedAt()).isNull();
        assertThat(dsl.fetchCount(dsl.selectFrom("payment").where("payment_id like ?", "refund-" + refund.id() + "%")))
                .isZero();
    }

    @Test
    void every_bad_start_is_a_4xx_with_a_json_body_and_writes_nothing() throws Exception {
        Invoice invoice = paid.settled(store.id(), 10_000_000, 10_000_000, RATE, null);
        Invoice open =
                paid.paid(store.id(), 10_000_000, 0, RATE, null, InvoiceStatus.NEW, InvoiceAdditionalStatus.NONE);
        Invoice foreign = paid.settled(otherStore.id(), 10_000_000, 10_000_000, RATE, null);
        Merchant poor = paid.merchantWithBalance(0);
        Invoice poorInvoice = paid.settled(poor.id(), 10_000_000, 10_000_000, RATE, null);
        String poorKey = keys.create("poor", poor.id(), List.of(REFUND), "test").plaintextKey();

        validation(invoice, "{\"description\":\"x\"}", "refundVariant");
        validation(invoice, "{\"refundVariant\":\"Everything\",\"description\":\"x\"}", "refundVariant");
        validation(invoice, "{\"refundVariant\":\"RateThen\"}", "description");
        validation(
                invoice,
                "{\"refundVariant\":\"RateThen\",\"description\":\"x\",\"paymentMethod\":\"DOGE\"}",
                "paymentMethod");
        validation(
                invoice,
                "{\"refundVariant\":\"RateThen\",\"description\":\"x\",\"subtractPercentage\":\"abc\"}",
                "subtractPercentage");
        validation(
                invoice,
                "{\"refundVariant\":\"RateThen\",\"description\":\"x\",\"subtractPercentage\":100}",
                "subtractPercentage");
        validation(
                invoice,
                "{\"refundVariant\":\"Custom\",\"description\":\"x\",\"customCurrency\":\"BTC\"}",
                "customAmount");
        validation(invoice, "{\"refundVariant\":\"OverpaidAmount\",\"description\":\"x\"}", "refundVariant");
        call(post(refundRoute(store, invoice)).content("{"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-json"));
        call(post(refundRoute(store, open)).content("{\"refundVariant\":\"RateThen\",\"description\":\"x\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invoice-not-refundable"));
        call(post(refundRoute(store, invoice))
                        .content("{\"refundVariant\":\"Custom\",\"customAmount\":\"0.0002\","
                                + "\"customCurrency\":\"BTC\",\"description\":\"x\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("refund-exceeds-paid"));
        mvc.perform(post(refundRoute(poor, poorInvoice))
                        .header("Authorization", "token " + poorKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refundVariant\":\"RateThen\",\"description\":\"x\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("insufficient-balance"));
        call(post("/api/v1/stores/" + store.id() + "/invoices/" + foreign.id() + "/refund")
                        .content("{\"refundVariant\":\"RateThen\",\"description\":\"x\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("invoice-not-found"));

        assertThat(dsl.fetchCount(dsl.selectFrom("refund")
                        .where("merchant_id in (?, ?, ?)", store.id(), otherStore.id(), poor.id())))
                .isZero();
    }

    @Test
    void the_preview_answers_every_variant_in_btc_and_fiat_and_writes_nothing() throws Exception {
        Invoice invoice = paid.settled(store.id(), 10_000_000, 10_000_000, RATE, null);

        JsonNode preview = json(call(post(refundRoute(store, invoice) + "/preview")
                        .content(
                                "{\"subtractPercentage\":\"10\",\"customAmount\":\"1000\",\"customCurrency\":\"SATS\"}"))
                .andExpect(status().isOk()));

        assertThat(preview).hasSize(5);
        assertThat(preview.get(0).get("refundVariant").asString()).isEqualTo("RateThen");
        assertThat(preview.get(0).get("amountMsat").asLong()).isEqualTo(9_000_000);
        assertThat(preview.get(0).get("fiatCurrency").asString()).isEqualTo("EUR");
        assertThat(preview.get(3).get("refundVariant").asString()).isEqualTo("OverpaidAmount");
        assertThat(preview.get(3).get("available").asBoolean()).isFalse();
        assertThat(preview.get(3).get("reason").asString()).contains("was not overpaid");
        assertThat(preview.get(4).get("amountMsat").asLong()).isEqualTo(900_000);
        assertThat(dsl.fetchCount(dsl.selectFrom("refund").where("invoice_id = ?", invoice.id())))
                .isZero();
    }

    @Test
    void a_key_without_the_refund_permission_is_refused_and_the_lnurl_routes_are_rate_limited() throws Exception {
        Invoice invoice = paid.settled(store.id(), 10_000_000, 10_000_000, RATE, null);
        String viewKey = keys.create("view", store.id(), List.of("btcpay.store.canviewinvoices"), "test")
                .plaintextKey();

        mvc.perform(post(refundRoute(store, invoice))
                        .header("Authorization", "token " + viewKey)
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"refundVariant\":\"RateThen\",\"description\":\"x\"}"))
                .andExpect(status().isForbidden());
        assertThat(dsl.fetchCount(dsl.selectFrom("refund").where("invoice_id = ?", invoice.id())))
                .isZero();

        ResultActions last = null;
        for (int i = 0; i < 40; i++) {
            last = lnurl(get("/lnurlw/refund/some-token"));
        }
        last.andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.status").value("ERROR"));
    }

    // ------------------------------------------------------------------ helpers

    private String start(Invoice invoice, String body) throws Exception {
        return json(call(post(refundRoute(store, invoice)).content(body)).andExpect(status().isOk()))
                .get("id")
                .asString();
    }

    private void validation(Invoice invoice, String body, String path) throws Exception {
        call(post(refundRoute(store, invoice)).content(body))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value(path));
    }

    private String invoice(long sats) {
        return node.foreignInvoice(sats * 1_000, Duration.ofHours(1));
    }

    private Refund awaitState(String refundId, RefundState state) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (true) {
            Refund refund = refunds.findById(refundId).orElseThrow();
            if (refund.state() == state) {
                return refund;
            }
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("refund " + refundId + " never became " + state + "; it is " + refund.state());
            }
            Thread.sleep(50);
        }
    }

    private String error(MockHttpServletRequestBuilder request) throws Exception {
        JsonNode answer = json(lnurl(request).andExpect(status().isOk()));
        assertThat(answer.get("status").asString()).isEqualTo("ERROR");
        return answer.get("reason").asString();
    }

    private ResultActions lnurl(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(servlet -> {
            servlet.setRemoteAddr(client);
            return servlet;
        }));
    }

    private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(
                request.header("Authorization", "token " + refundKey).contentType(MediaType.APPLICATION_JSON));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static String refundRoute(Merchant store, Invoice invoice) {
        return "/api/v1/stores/" + store.id() + "/invoices/" + invoice.id() + "/refund";
    }
}
