package com.flash.backoffice.portal.paybutton;

import static com.flash.backoffice.db.jooq.Tables.INVOICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.flash.backoffice.db.api.InvoiceApiRepository;
import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.db.rate.ExchangeRateRepository;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

/** The pay button's public form post through the whole application (security chain, MariaDB, Temporal). */
@PortalSpringTest
class PayButtonIT {

    private final MockMvc mvc;
    private final DSLContext dsl;
    private final MerchantRepository merchants;
    private final InvoiceRepository invoices;
    private final InvoiceApiRepository apiColumns;
    private final ExchangeRateRepository rates;

    private Merchant open;
    private Merchant closed;

    PayButtonIT(
            @Autowired WebApplicationContext context,
            @Autowired DSLContext dsl,
            @Autowired MerchantRepository merchants,
            @Autowired InvoiceRepository invoices,
            @Autowired InvoiceApiRepository apiColumns,
            @Autowired ExchangeRateRepository rates) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.dsl = dsl;
        this.merchants = merchants;
        this.invoices = invoices;
        this.apiColumns = apiColumns;
        this.rates = rates;
    }

    @BeforeEach
    void stores() {
        open = merchants.create(NewMerchant.withDefaults("Button shop " + System.nanoTime(), "BTC"));
        merchants.setAnyoneCanCreateInvoice(open.id(), true);
        closed = merchants.create(NewMerchant.withDefaults("Closed shop " + System.nanoTime(), "BTC"));
    }

    @Test
    void the_form_post_creates_the_invoice_and_sends_the_browser_to_its_checkout() throws Exception {
        String location = submit(form().param("storeId", open.id())
                        .param("price", "0.0005")
                        .param("currency", "BTC")
                        .param("orderId", "web-42")
                        .param("checkoutDesc", "Two coffees, \"large\"")
                        .param("browserRedirect", "https://shop.example/thanks"))
                .andExpect(status().isSeeOther())
                .andReturn()
                .getResponse()
                .getHeader("Location");

        Invoice invoice = onlyInvoiceOf(open);
        assertThat(location).endsWith("/i/" + invoice.id());
        assertThat(invoice.amountMsat()).isEqualTo(50_000_000L);
        assertThat(invoice.orderId()).isEqualTo("web-42");
        assertThat(invoice.metadataJson()).contains("\"itemDesc\":\"Two coffees, \\\"large\\\"\"");
        assertThat(apiColumns.fields(invoice.id()).orElseThrow().redirectUrl())
                .isEqualTo("https://shop.example/thanks");
    }

    @Test
    void without_a_price_the_invoice_is_a_top_up_and_json_can_be_asked_for() throws Exception {
        submit(form().param("storeId", open.id()).param("jsonResponse", "true"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.invoiceId").isString())
                .andExpect(jsonPath("$.checkoutLink").value(org.hamcrest.Matchers.containsString("/i/")));

        assertThat(onlyInvoiceOf(open).amountMsat()).isNull();
    }

    @Test
    void a_store_that_does_not_allow_anyone_to_create_invoices_is_404_and_nothing_is_written() throws Exception {
        int before = dsl.fetchCount(INVOICE);

        submit(form().param("storeId", closed.id()).param("price", "1").param("currency", "BTC"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("store-not-found"));
        submit(form().param("storeId", "no-such-store").param("price", "1")).andExpect(status().isNotFound());

        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(before);
    }

    @Test
    void a_fiat_price_is_422_while_the_newest_rate_is_older_than_the_maximum_age() throws Exception {
        rates.record(new ExchangeRate(
                "HUF",
                new BigDecimal("36000000"),
                "coingecko",
                null,
                "rate-fetcher",
                Instant.now().minusSeconds(3600)));
        int before = dsl.fetchCount(INVOICE);

        submit(form().param("storeId", open.id()).param("price", "5000").param("currency", "HUF"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value("currency"))
                .andExpect(jsonPath("$[0].message")
                        .value(Matchers.startsWith("The newest HUF exchange rate is 60 minutes old")));

        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(before);
    }

    @Test
    void bad_fields_are_422_with_the_field_named_and_nothing_is_written() throws Exception {
        int before = dsl.fetchCount(INVOICE);

        submit(form().param("price", "1"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value("storeId"));
        for (String price : new String[] {"-1", "0", "abc", "0.000000001"}) {
            submit(form().param("storeId", open.id()).param("price", price).param("currency", "BTC"))
                    .andExpect(status().isUnprocessableContent())
                    .andExpect(jsonPath("$[0].path").value("price"));
        }
        submit(form().param("storeId", open.id()).param("price", "1").param("currency", "XYZ"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value("currency"));
        submit(form().param("storeId", open.id()).param("browserRedirect", "javascript:alert(1)"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value("browserRedirect"));
        submit(form().param("storeId", open.id()).param("orderId", "x".repeat(191)))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value("orderId"));
        submit(form().param("storeId", open.id()).param("jsonResponse", "maybe"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$[0].path").value("jsonResponse"));

        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(before);
    }

    @Test
    void the_other_api_routes_still_need_a_key() throws Exception {
        mvc.perform(post("/api/v1/stores/" + open.id() + "/invoices")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"amount\":\"1\",\"currency\":\"BTC\"}"))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void a_store_keeps_at_most_fifteen_open_pay_button_invoices_then_429_until_one_expires() throws Exception {
        for (int i = 0; i < 15; i++) {
            submit(form().param("storeId", open.id()).param("price", "0.0001").param("currency", "BTC"))
                    .andExpect(status().isSeeOther());
        }
        int before = dsl.fetchCount(INVOICE);

        String retryAfter = submit(form().param("storeId", open.id()).param("price", "0.0001"))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("too-many-open-invoices"))
                .andExpect(jsonPath("$.message").value(Matchers.containsString("15 pay-button invoices")))
                .andReturn()
                .getResponse()
                .getHeader("Retry-After");
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 15 * 60L + 1);
        assertThat(dsl.fetchCount(INVOICE)).as("a refused post writes nothing").isEqualTo(before);

        String oldest = dsl.select(INVOICE.ID)
                .from(INVOICE)
                .where(INVOICE.MERCHANT_ID.eq(open.id()))
                .orderBy(INVOICE.CREATED_AT)
                .limit(1)
                .fetchOne(INVOICE.ID);
        dsl.execute(
                "UPDATE invoice SET created_at = NOW(6) - INTERVAL 20 MINUTE, expires_at = NOW(6) - INTERVAL 1 SECOND,"
                        + " monitoring_until = NOW(6) WHERE id = ?",
                oldest);
        submit(form().param("storeId", open.id()).param("price", "0.0001")).andExpect(status().isSeeOther());
    }

    @Test
    void concurrent_posts_never_open_more_than_the_limit() throws Exception {
        ExecutorService posters = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(posters.submit(
                        () -> submit(form().param("storeId", open.id()).param("price", "0.0001"))
                                .andReturn()
                                .getResponse()
                                .getStatus()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(statuses).filteredOn(code -> code == 303).hasSize(15);
            assertThat(statuses).filteredOn(code -> code == 429).hasSize(5);
        } finally {
            posters.shutdownNow();
        }
        assertThat(dsl.fetchCount(INVOICE, INVOICE.MERCHANT_ID.eq(open.id()).and(INVOICE.ANONYMOUS.isTrue())))
                .isEqualTo(15);
    }

    @Test
    void one_client_address_gets_429_with_retry_after_beyond_its_burst_and_nothing_is_written() throws Exception {
        String client = nextClientAddress();
        int before = dsl.fetchCount(INVOICE);
        for (int i = 0; i < 20; i++) {
            submitFrom(client, form().param("storeId", closed.id()).param("price", "1"))
                    .andExpect(status().isNotFound());
        }

        submitFrom(client, form().param("storeId", open.id()).param("price", "1"))
                .andExpect(status().isTooManyRequests())
                .andExpect(jsonPath("$.code").value("rate-limited"))
                .andExpect(header().string("Retry-After", Matchers.matchesPattern("[1-9][0-9]*")));
        // another address is not held back
        submit(form().param("storeId", open.id()).param("price", "0.0001")).andExpect(status().isSeeOther());
        assertThat(dsl.fetchCount(INVOICE)).isEqualTo(before + 1);
    }

    private static MockHttpServletRequestBuilder form() {
        return post("/api/v1/invoices").contentType(MediaType.APPLICATION_FORM_URLENCODED);
    }

    private static final AtomicInteger CLIENTS = new AtomicInteger();

    /** Each post comes from its own documentation address, so the per-address limit never links two tests. */
    private static String nextClientAddress() {
        int n = CLIENTS.incrementAndGet();
        return "198.51." + (100 + n / 250) + "." + (1 + n % 250);
    }

    private ResultActions submit(MockHttpServletRequestBuilder request) throws Exception {
        return submitFrom(nextClientAddress(), request);
    }

    private ResultActions submitFrom(String clientAddress, MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.with(sent -> {
            sent.setRemoteAddr(clientAddress);
            return sent;
        }));
    }

    private Invoice onlyInvoiceOf(Merchant merchant) {
        var found = invoices.find(
                new com.flash.backoffice.db.invoice.InvoiceQuery(merchant.id(), null, null, null, null, 0, 10));
        assertThat(found).hasSize(1);
        return found.getFirst();
    }
}
