package com.flash.backoffice.portal.card;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardTap;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.TopUpState;
import com.flash.backoffice.db.ledger.ChartOfAccounts;
import com.flash.backoffice.db.ledger.LedgerRepository;
import com.flash.backoffice.db.support.Sha256;
import com.flash.backoffice.portal.testsupport.RegtestPortal;
import com.flash.backoffice.workflows.card.BoltCardEmulator;
import com.flash.backoffice.workflows.card.CardKeyVault;
import com.flash.backoffice.workflows.payment.Bech32Lnurl;
import com.flash.backoffice.workflows.regtest.RegtestNetwork;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lightningj.lnd.wrapper.message.AddInvoiceResponse;
import org.lightningj.lnd.wrapper.message.Invoice;
import org.lightningj.lnd.wrapper.message.PayReq;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Bolt Card tap paid for real, end to end through HTTP: the whole portal on the regtest network (btcd; the customer
 * LND is Flash's node), a point of sale's invoice on the merchant LND, and the wallet's two LUD-03 calls to the
 * portal's HTTP server. The invoice is paid over the channel, the card is debited the amount and its routing fee.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class BoltCardRegtestIT {

    private static final long SAT = 1_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static RegtestNetwork net;
    private static RegtestPortal portal;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        net = RegtestNetwork.shared();
        portal = RegtestPortal.start(net, net.customer(), "bolt_card_regtest_it");
    }

    @AfterAll
    static void stop() {
        portal.close();
    }

    @Test
    void a_tap_at_a_point_of_sale_is_paid_over_the_channel_and_debits_the_card() throws Exception {
        ActiveCards cards = new ActiveCards(
                portal.bean(CardRepository.class), portal.bean(CardWithdrawals.class), portal.bean(CardKeyVault.class));
        BoltCardEmulator emulator = cards.emulator();
        Card card = cards.active(emulator, 100_000 * SAT);
        CardWithdrawals withdrawals = portal.bean(CardWithdrawals.class);
        LedgerRepository ledger = portal.bean(LedgerRepository.class);
        long lightningBefore = balance(ledger, ChartOfAccounts.LIGHTNING_ASSETS.code());
        AddInvoiceResponse pos = net.merchantAddInvoice(21_000 * SAT, "point of sale");
        BoltCardEmulator.Tap tap = emulator.tap();

        JsonNode request = get("/boltcard?p=" + tap.p() + "&c=" + tap.c());
        String callback = request.get("callback").asString();
        JsonNode answer = getUri(callback + "?k1=" + request.get("k1").asString() + "&pr="
                + URLEncoder.encode(pos.getPaymentRequest(), StandardCharsets.UTF_8));

        assertThat(request.get("tag").asString()).isEqualTo("withdrawRequest");
        assertThat(callback).startsWith(portal.uri("/boltcard/callback").toString());
        assertThat(answer.get("status").asString()).as(answer.toString()).isEqualTo("OK");
        CardTap paid = awaitTap(card, "PAID");
        Invoice settled = net.merchant().api().lookupInvoice(null, pos.getRHash());
        assertThat(settled.getState()).isEqualTo(Invoice.InvoiceState.SETTLED);
        assertThat(settled.getAmtPaidMsat()).isEqualTo(21_000 * SAT);
        long fee = paid.feeMsat() == null ? 0 : paid.feeMsat();
        assertThat(withdrawals.balanceMsat(card.id()))
                .as("the card pays the amount; the routing fee is Flash's cost")
                .isEqualTo(79_000 * SAT);
        assertThat(balance(ledger, ChartOfAccounts.LIGHTNING_ASSETS.code()))
                .as("Flash's Lightning asset went down by the amount and its fee")
                .isEqualTo(lightningBefore - 21_000 * SAT - fee);
        assertThat(balance(ledger, ChartOfAccounts.cardPending(card.id()).code()))
                .isZero();
    }

    @Test
    void a_top_up_over_lnurl_pay_paid_from_another_node_credits_the_card() throws Exception {
        ActiveCards cards = new ActiveCards(
                portal.bean(CardRepository.class), portal.bean(CardWithdrawals.class), portal.bean(CardKeyVault.class));
        BoltCardEmulator emulator = cards.emulator();
        Card card = cards.active(emulator, 0);
        CardWithdrawals withdrawals = portal.bean(CardWithdrawals.class);
        LedgerRepository ledger = portal.bean(LedgerRepository.class);
        // the channel was opened by Flash's node: give the merchant side something to pay back with, above its
        // channel reserve (1% of the capacity)
        net.customerPayInvoice(
                net.merchantAddInvoice(100_000 * SAT, "liquidity for the test").getPaymentRequest());
        long lightningBefore = balance(ledger, ChartOfAccounts.LIGHTNING_ASSETS.code());
        BoltCardEmulator.Tap tap = emulator.tap();

        String page = text("/boltcard/balance?p=" + tap.p() + "&c=" + tap.c());
        Matcher lnurl = Pattern.compile("id=\"top-up-lnurl\">([0-9A-Za-z]+)<").matcher(page);
        assertThat(lnurl.find()).as("the balance page shows a top-up LNURL").isTrue();
        JsonNode payRequest = getUri(Bech32Lnurl.decode(lnurl.group(1)));
        String metadata = payRequest.get("metadata").asString();
        JsonNode answer = getUri(payRequest.get("callback").asString() + "?amount=" + 25_000 * SAT);
        String bolt11 = answer.get("pr").asString();
        PayReq decoded = net.merchant().api().decodePayReq(bolt11);

        assertThat(payRequest.get("tag").asString()).isEqualTo("payRequest");
        assertThat(decoded.getNumMsat()).isEqualTo(25_000 * SAT);
        assertThat(decoded.getDescriptionHash())
                .as("LND reads the metadata's SHA-256 in the invoice (LUD-06)")
                .isEqualTo(Sha256.hex(metadata));
        net.merchantPayInvoice(bolt11);

        CardTopUps topUps = portal.bean(CardTopUps.class);
        long until = System.currentTimeMillis() + 60_000;
        while (topUps.findByPaymentHash(decoded.getPaymentHash()).orElseThrow().state() != TopUpState.CREDITED) {
            assertThat(System.currentTimeMillis())
                    .as("the watcher credits the top-up")
                    .isLessThan(until);
            Thread.sleep(100);
        }
        assertThat(withdrawals.balanceMsat(card.id())).isEqualTo(25_000 * SAT);
        assertThat(balance(ledger, ChartOfAccounts.LIGHTNING_ASSETS.code()))
                .as("Flash's node holds the coins now")
                .isEqualTo(lightningBefore + 25_000 * SAT);
    }

    private static CardTap awaitTap(Card card, String state) throws InterruptedException {
        CardRepository cards = portal.bean(CardRepository.class);
        long until = System.currentTimeMillis() + 60_000;
        while (true) {
            CardTap tap = cards.taps(card.id(), 1).getFirst();
            if (tap.state().equals(state)) {
                return tap;
            }
            assertThat(System.currentTimeMillis())
                    .as("the tap became " + state + " (it is " + tap.state() + ": " + tap.reason() + ")")
                    .isLessThan(until);
            Thread.sleep(100);
        }
    }

    private static long balance(LedgerRepository ledger, String code) {
        return ledger.accountBalance(code).map(a -> a.balanceMsat().msat()).orElse(0L);
    }

    private String text(String pathAndQuery) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(portal.uri(pathAndQuery)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode get(String pathAndQuery) throws Exception {
        return getUri(portal.uri(pathAndQuery).toString());
    }

    private JsonNode getUri(String uri) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(java.net.URI.create(uri)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
