package com.flash.backoffice.portal.card.topup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardTopUp;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.TopUpState;
import com.flash.backoffice.db.support.Sha256;
import com.flash.backoffice.portal.card.ActiveCards;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.card.BoltCardEmulator;
import com.flash.backoffice.workflows.card.CardKeyVault;
import com.flash.backoffice.workflows.lightning.DecodedInvoice;
import com.flash.backoffice.workflows.lightning.LightningNode;
import com.flash.backoffice.workflows.lightning.SimulatedLightningNode;
import com.flash.backoffice.workflows.payment.Bech32Lnurl;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * A card's top-up over LNURL-pay (LUD-06), through HTTP: the balance page's link, its pay request, the invoice that
 * commits to the metadata by hash, and the card credited by the Lightning watcher once the invoice is paid. Every
 * bad call gets LUD-06's error body and creates no invoice.
 */
@PortalSpringTest
class LnurlTopUpIT {

    private static final long SAT = ActiveCards.SAT;
    private static final AtomicInteger CLIENTS = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LNURL = Pattern.compile("id=\"top-up-lnurl\">([0-9A-Za-z]+)<");

    private final MockMvc mvc;
    private final ActiveCards cards;
    private final CardRepository repository;
    private final CardWithdrawals withdrawals;
    private final CardTopUps topUps;
    private final SimulatedLightningNode node;

    LnurlTopUpIT(
            @Autowired WebApplicationContext context,
            @Autowired CardRepository cards,
            @Autowired CardWithdrawals withdrawals,
            @Autowired CardTopUps topUps,
            @Autowired CardKeyVault vault,
            @Autowired LightningNode node) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.cards = new ActiveCards(cards, withdrawals, vault);
        this.repository = cards;
        this.withdrawals = withdrawals;
        this.topUps = topUps;
        this.node = (SimulatedLightningNode) node;
    }

    @Test
    void the_balance_page_link_gives_an_invoice_whose_payment_credits_the_card_once() throws Exception {
        BoltCardEmulator emulator = cards.emulator();
        Card card = cards.active(emulator, 1_000 * SAT);
        String client = client();
        String path = linkPath(emulator, client);

        JsonNode payRequest = json(path, client);
        assertThat(payRequest.get("tag").asText()).isEqualTo("payRequest");
        assertThat(payRequest.get("minSendable").asLong()).isEqualTo(1_000);
        assertThat(payRequest.get("maxSendable").asLong()).isEqualTo(1_000_000 * SAT);
        String metadata = payRequest.get("metadata").asText();
        assertThat(JSON.readTree(metadata).get(0).get(0).asText()).isEqualTo("text/plain");
        assertThat(metadata).contains(card.id());
        URI callback = URI.create(payRequest.get("callback").asText());

        JsonNode answer = json(callback.getPath() + "?amount=" + 2_500 * SAT, client);
        String bolt11 = answer.get("pr").asText();
        assertThat(answer.get("routes").isArray()).isTrue();
        DecodedInvoice invoice = node.decode(bolt11);
        assertThat(invoice.amountMsat()).isEqualTo(2_500 * SAT);
        assertThat(invoice.descriptionHash())
                .as("LUD-06: the invoice commits to the metadata")
                .isEqualTo(Sha256.hex(metadata));
        CardTopUp open = topUps.findByPaymentHash(invoice.paymentHash()).orElseThrow();
        assertThat(open.state()).isEqualTo(TopUpState.OPEN);
        assertThat(withdrawals.balanceMsat(card.id()))
                .as("nothing before it is paid")
                .isEqualTo(1_000 * SAT);

        node.pay(bolt11);

        awaitCredited(open);
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(3_500 * SAT);
        assertThat(topUps.creditSettled(invoice.paymentHash(), 2_500 * SAT, Instant.now()))
                .as("reported again")
                .hasValueSatisfying(credit -> assertThat(credit.again()).isTrue());
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(3_500 * SAT);
        assertThat(withdrawals.statement(card.id(), 5)).first().satisfies(movement -> {
            assertThat(movement.description()).isEqualTo("Top-up over Lightning");
            assertThat(movement.signedMsat()).isEqualTo(2_500 * SAT);
        });
    }

    @Test
    void bad_amounts_and_unknown_expired_or_dead_links_get_an_error_and_no_invoice() throws Exception {
        BoltCardEmulator emulator = cards.emulator();
        Card card = cards.active(emulator, 0);
        String client = client();
        String path = linkPath(emulator, client);
        String expired =
                LnurlTopUps.PATH + topUps.openLink(card.id(), Instant.now().minus(Duration.ofHours(2)));

        assertError(path + "/invoice", client, "amount must be a whole number of millisatoshis");
        assertError(path + "/invoice?amount=abc", client, "amount must be a whole number of millisatoshis");
        assertError(path + "/invoice?amount=-5000", client, "amount must be a whole number of millisatoshis");
        assertError(path + "/invoice?amount=1.5", client, "amount must be a whole number of millisatoshis");
        assertError(path + "/invoice?amount=999", client, "between 1000 and 1000000000 msat, not 999");
        assertError(path + "/invoice?amount=1000000001", client, "not 1000000001");
        assertError(path + "/invoice?amount=99999999999999999999", client, "whole number of millisatoshis");
        assertError(LnurlTopUps.PATH + "0123456789abcdef0123456789abcdef", client, "unknown or has expired");
        assertError(LnurlTopUps.PATH + "not-a-token/invoice?amount=5000", client, "unknown or has expired");
        assertError(expired, client, "unknown or has expired");
        assertError(expired + "/invoice?amount=5000", client, "unknown or has expired");
        repository.move(card.id(), CardState.ACTIVE, CardState.RETIRED);
        assertError(path, client, "This card is retired and cannot be topped up");
        assertError(path + "/invoice?amount=5000", client, "This card is retired and cannot be topped up");

        assertThat(topUps.forCard(card.id(), 10)).as("no invoice was created").isEmpty();
    }

    @Test
    void one_client_asking_too_often_is_told_to_wait() throws Exception {
        String client = client();
        int refusedAt = -1;
        for (int i = 0; i < 200 && refusedAt < 0; i++) {
            if (response(LnurlTopUps.PATH + "x", client).getStatus() == 429) {
                refusedAt = i;
            }
        }

        assertThat(refusedAt).as("the burst of 20 is allowed, then 429").isBetween(20, 199);
        MockHttpServletResponse limited = response(LnurlTopUps.PATH + "x", client);
        assertThat(limited.getHeader("Retry-After")).isNotBlank();
        assertThat(JSON.readTree(limited.getContentAsString()).get("status").asText())
                .isEqualTo("ERROR");
    }

    /** The top-up link on the balance page a tap opens, as a path of this server. */
    private String linkPath(BoltCardEmulator emulator, String client) throws Exception {
        BoltCardEmulator.Tap tap = emulator.tap();
        String page = mvc.perform(get("/boltcard/balance")
                        .param("p", tap.p())
                        .param("c", tap.c())
                        .with(remote(client)))
                .andReturn()
                .getResponse()
                .getContentAsString();
        Matcher lnurl = LNURL.matcher(page);
        assertThat(lnurl.find()).as("the page shows a top-up LNURL").isTrue();
        assertThat(page).contains("href=\"lightning:" + lnurl.group(1).toUpperCase(java.util.Locale.ROOT) + "\"");
        return URI.create(Bech32Lnurl.decode(lnurl.group(1))).getPath();
    }

    private void awaitCredited(CardTopUp open) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (topUps.find(open.id()).orElseThrow().state() != TopUpState.CREDITED) {
            assertThat(Instant.now()).as("the watcher credits the paid top-up").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    private void assertError(String path, String client, String reason) throws Exception {
        MockHttpServletResponse response = response(path, client);
        assertThat(response.getStatus()).as(path).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.get("status").asText()).as(path).isEqualTo("ERROR");
        assertThat(body.get("reason").asText()).as(path).contains(reason);
    }

    private JsonNode json(String pathAndQuery, String client) throws Exception {
        MockHttpServletResponse response = response(pathAndQuery, client);
        assertThat(response.getStatus()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.getContentAsString());
        assertThat(body.has("status")).as(response.getContentAsString()).isFalse();
        return body;
    }

    private MockHttpServletResponse response(String pathAndQuery, String client) throws Exception {
        return mvc.perform(get(URI.create(pathAndQuery)).with(remote(client)))
                .andReturn()
                .getResponse();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor remote(String client) {
        return servlet -> {
            servlet.setRemoteAddr(client);
            return servlet;
        };
    }

    private static String client() {
        return "10.10.0." + CLIENTS.incrementAndGet();
    }
}
