package com.flash.backoffice.portal.payout.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.JournalEntry;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.PayoutRepository;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * Greenfield's store payout routes through the whole application: BTCPay's shapes, permissions and error codes; a bad
 * request writes nothing and reserves nothing; an API key cannot approve (the workflow wants FINANCE).
 */
@PortalSpringTest
class PayoutsApiIT {

    static final String MANAGE = "btcpay.store.canmanagepayouts";
    static final String VIEW = "btcpay.store.canviewpayouts";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc;
    private final DSLContext dsl;
    private final ApiKeyRepository keys;
    private final MerchantRepository merchants;
    private final LedgerRepository ledger;
    private final PayoutRepository payouts;
    private final SimulatedLightningNode node;

    private Merchant store;
    private Merchant otherStore;
    private String manageKey;

    PayoutsApiIT(
            @Autowired WebApplicationContext context,
            @Autowired DSLContext dsl,
            @Autowired ApiKeyRepository keys,
            @Autowired MerchantRepository merchants,
            @Autowired LedgerRepository ledger,
            @Autowired PayoutRepository payouts,
            @Autowired LightningNode node) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.dsl = dsl;
        this.keys = keys;
        this.merchants = merchants;
        this.ledger = ledger;
        this.payouts = payouts;
        this.node = (SimulatedLightningNode) node;
    }

    @BeforeEach
    void stores() {
        store = merchantWithBalance(Msat.ofSats(100_000));
        otherStore = merchantWithBalance(Msat.ofSats(100_000));
        manageKey = keys.create("payouts", store.id(), List.of(MANAGE), "test").plaintextKey();
    }

    @Test
    void a_payout_is_created_in_btcpays_shape_and_reserved() throws Exception {
        String invoice = invoice(20_000);

        JsonNode created = json(call(post(payouts(store.id())).content(body(invoice, "0.0002")), manageKey)
                .andExpect(status().isOk()));

        assertThat(created.get("state").asString()).isEqualTo("AwaitingApproval");
        assertThat(created.get("revision").asInt()).isZero();
        assertThat(created.get("destination").asString()).isEqualTo(invoice);
        assertThat(created.get("amount").asString()).isEqualTo("0.00020000");
        assertThat(created.get("payoutMethodId").asString()).isEqualTo("BTC-LN");
        assertThat(created.get("cryptoCode").asString()).isEqualTo("BTC");
        assertThat(created.get("pullPaymentId").isNull()).isTrue();
        assertThat(ledger.merchantBalances(store.id()).reserved()).isEqualTo(Msat.ofSats(20_000));
        String id = created.get("id").asString();
        call(get(payouts(store.id()) + "/" + id), manageKey)
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(id));
        call(
                        get(payouts(store.id())),
                        keys.create("view", store.id(), List.of(VIEW), "test").plaintextKey())
                .andExpect(status().isOk())
                .andExpect(jsonPath("$[0].id").value(id));
    }

    @Test
    void every_bad_request_is_a_4xx_with_a_json_body_and_writes_nothing() throws Exception {
        String invoice = invoice(20_000);
        call(post(payouts(store.id())).content("{"), manageKey)
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("invalid-json"));
        validation(body(null, "0.0002"), "destination");
        validation(body(invoice, null), "amount");
        validation(body(invoice, "0"), "amount");
        validation(body(invoice, "-1"), "amount");
        validation(body(invoice, "lots"), "amount");
        validation(body("lnbc1notaninvoice", "0.0002"), "destination");
        validation(body("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", "0.0002"), "destination");
        validation(body(invoice(1_000), "0.0002"), "destination");
        validation("{\"destination\":\"" + invoice + "\",\"amount\":\"0.0002\",\"approved\":true}", "approved");
        validation(
                "{\"destination\":\"" + invoice + "\",\"amount\":\"0.0002\",\"pullPaymentId\":\"pp\"}",
                "pullPaymentId");
        validation(
                "{\"destination\":\"" + invoice + "\",\"amount\":\"0.0002\",\"paymentMethod\":\"LTC\"}",
                "paymentMethod");
        call(post(payouts(store.id())).content(body(invoice(200_000), "0.002")), manageKey)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("overdraft"))
                .andExpect(jsonPath("$.message")
                        .value("The amount exceeds the payable balance: 0.00100000 BTC available"));

        assertThat(payouts.count(store.id(), null)).isZero();
        assertThat(ledger.merchantBalances(store.id()).reserved()).isEqualTo(Msat.ZERO);
    }

    @Test
    void a_second_open_payout_to_the_same_destination_is_duplicate_destination() throws Exception {
        String invoice = invoice(20_000);
        call(post(payouts(store.id())).content(body(invoice, "0.0002")), manageKey)
                .andExpect(status().isOk());

        call(post(payouts(store.id())).content(body(invoice, "0.0002")), manageKey)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("duplicate-destination"));
        assertThat(payouts.count(store.id(), null)).isEqualTo(1);
    }

    @Test
    void keys_without_the_permission_or_for_another_store_are_refused_and_another_stores_payout_is_not_found()
            throws Exception {
        String viewOnly = keys.create("view", store.id(), List.of(VIEW), "test").plaintextKey();
        call(post(payouts(store.id())).content(body(invoice(20_000), "0.0002")), viewOnly)
                .andExpect(status().isForbidden());
        String otherKey =
                keys.create("other", otherStore.id(), List.of(MANAGE), "test").plaintextKey();
        call(post(payouts(store.id())).content(body(invoice(20_000), "0.0002")), otherKey)
                .andExpect(status().isForbidden());
        call(get(payouts(store.id())), otherKey).andExpect(status().isForbidden());
        mvc.perform(get(payouts(store.id()))).andExpect(status().isUnauthorized());
        String id = created(invoice(20_000));

        call(get(payouts(otherStore.id()) + "/" + id), otherKey)
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("payout-not-found"));
        assertThat(payouts.count(store.id(), null)).isEqualTo(1);
    }

    @Test
    void approve_needs_the_current_revision_and_a_key_cannot_approve() throws Exception {
        String id = created(invoice(20_000));
        awaitInbox(id);

        call(post(payouts(store.id()) + "/" + id).content("{}"), manageKey)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value("revision"));
        call(post(payouts(store.id()) + "/" + id).content("{\"revision\":3}"), manageKey)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("old-revision"));
        call(post(payouts(store.id()) + "/" + id).content("{\"revision\":0}"), manageKey)
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("approval-refused"));
        call(get(payouts(store.id()) + "/" + id), manageKey)
                .andExpect(jsonPath("$.state").value("AwaitingApproval"));
    }

    @Test
    void delete_cancels_and_releases_and_a_cancelled_payout_takes_no_further_command() throws Exception {
        String id = created(invoice(20_000));
        awaitInbox(id);

        call(post(payouts(store.id()) + "/" + id + "/mark-paid"), manageKey)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-state"));
        call(delete(payouts(store.id()) + "/" + id), manageKey).andExpect(status().isOk());
        awaitState(id, "Cancelled");

        assertThat(ledger.merchantBalances(store.id()).reserved()).isEqualTo(Msat.ZERO);
        call(delete(payouts(store.id()) + "/" + id), manageKey)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.code").value("invalid-state"));
        call(get(payouts(store.id())), manageKey)
                .andExpect(jsonPath("$.length()").value(0));
        call(get(payouts(store.id()) + "?includeCancelled=true"), manageKey)
                .andExpect(jsonPath("$[0].state").value("Cancelled"));
    }

    // ------------------------------------------------------------------ helpers

    private void validation(String body, String path) throws Exception {
        call(post(payouts(store.id())).content(body), manageKey)
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value(path));
    }

    private String created(String invoice) throws Exception {
        return json(call(post(payouts(store.id())).content(body(invoice, invoiceBtc(invoice))), manageKey)
                        .andExpect(status().isOk()))
                .get("id")
                .asString();
    }

    private String invoiceBtc(String invoice) {
        return Msat.ofMsat(node.decode(invoice).amountMsat()).toBtc().toPlainString();
    }

    private String invoice(long sats) {
        return node.foreignInvoice(sats * 1_000, Duration.ofHours(1));
    }

    private static String body(String destination, String amount) {
        return "{" + (destination == null ? "" : "\"destination\":\"" + destination + "\",")
                + (amount == null ? "" : "\"amount\":\"" + amount + "\",") + "\"payoutMethodId\":\"BTC-LN\"}";
    }

    private void awaitInbox(String payoutId) {
        long until = System.currentTimeMillis() + 15_000;
        while (dsl.fetchCount(dsl.selectFrom("approval_request").where("subject_id = ?", "payout-" + payoutId)) == 0) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("payout " + payoutId + " never reached the inbox");
            }
            Thread.onSpinWait();
        }
    }

    private void awaitState(String payoutId, String state) throws Exception {
        long until = System.currentTimeMillis() + 15_000;
        while (!state.equals(json(call(get(payouts(store.id()) + "/" + payoutId), manageKey))
                .get("state")
                .asString())) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("payout " + payoutId + " never became " + state);
            }
            Thread.sleep(50);
        }
    }

    private Merchant merchantWithBalance(Msat amount) {
        Merchant merchant = merchants.create(NewMerchant.withDefaults("Payout api " + System.nanoTime(), "BTC"));
        ledger.createAccount(ChartOfAccounts.merchantBalance(merchant.id()));
        ledger.post(new JournalEntry(
                "funding-" + merchant.id(),
                "received",
                Instant.now(),
                List.of(
                        JournalLine.debit(ChartOfAccounts.LIGHTNING_ASSETS.code(), amount),
                        JournalLine.credit(
                                ChartOfAccounts.merchantBalance(merchant.id()).code(), amount))));
        return merchant;
    }

    private ResultActions call(MockHttpServletRequestBuilder request, String key) throws Exception {
        return mvc.perform(request.header("Authorization", "token " + key).contentType(MediaType.APPLICATION_JSON));
    }

    private static JsonNode json(ResultActions result) throws Exception {
        return JSON.readTree(result.andReturn().getResponse().getContentAsString());
    }

    private static String payouts(String storeId) {
        return "/api/v1/stores/" + storeId + "/payouts";
    }
}
