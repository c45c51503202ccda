package com.flash.backoffice.portal.card.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.portal.card.ActiveCards;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.card.BoltCardEmulator;
import com.flash.backoffice.workflows.card.CardKeyVault;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * The holder's balance page, {@code GET /boltcard/balance?p&c}: a genuine tap shows the balance from the ledger and
 * the last transactions, once; a replayed URL, a bad {@code p} or {@code c} and a card of another issuer show why
 * not; the tap cannot be used to pay; too many requests from one client are refused.
 */
@PortalSpringTest
class CardBalancePageIT {

    private static final long SAT = ActiveCards.SAT;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final MockMvc mvc;
    private final ActiveCards cards;
    private final CardRepository repository;
    private final CardWithdrawals withdrawals;
    private final CardKeyVault vault;

    CardBalancePageIT(
            @Autowired WebApplicationContext context,
            @Autowired CardRepository cards,
            @Autowired CardWithdrawals withdrawals,
            @Autowired CardKeyVault vault) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.cards = new ActiveCards(cards, withdrawals, vault);
        this.repository = cards;
        this.withdrawals = withdrawals;
        this.vault = vault;
    }

    @Test
    void a_tap_shows_the_balance_and_last_transactions_once_and_cannot_pay() throws Exception {
        BoltCardEmulator emulator = cards.emulator();
        Card card = cards.active(emulator, 12_345 * SAT);
        BoltCardEmulator.Tap tap = emulator.tap();
        String client = client();

        MockHttpServletResponse shown = page(tap.p(), tap.c(), client);
        MockHttpServletResponse again = page(tap.p(), tap.c(), client);

        assertThat(shown.getStatus()).isEqualTo(200);
        assertThat(shown.getContentType()).startsWith("text/html");
        assertThat(shown.getHeader("Cache-Control")).contains("no-store");
        assertThat(shown.getContentAsString())
                .contains("name=\"viewport\"")
                .contains("<p class=\"balance\" id=\"balance\">12,345 sat</p>")
                .contains("Top-up")
                .contains("+12,345 sat")
                .contains(card.id());
        assertThat(again.getStatus()).isEqualTo(403);
        assertThat(again.getContentAsString()).contains("This tap was already used: tap the card again");
        assertThat(repository.taps(card.id(), 5)).extracting(t -> t.state()).contains("EXPIRED");
        BoltCardEmulator.Tap later = emulator.tap();
        assertThat(page(later.p(), later.c(), client).getStatus())
                .as("a later tap shows it again")
                .isEqualTo(200);
    }

    @Test
    void bad_taps_get_a_clear_page_and_show_no_balance() throws Exception {
        BoltCardEmulator emulator = cards.emulator();
        cards.active(emulator, 1_000 * SAT);
        BoltCardEmulator.Tap tap = emulator.tap();
        BoltCardEmulator.Tap foreign =
                BoltCardEmulator.fresh(CardKeyVault.newIssuerKey()).tap();
        String client = client();

        MockHttpServletResponse shortP = page(tap.p().substring(2), tap.c(), client);
        MockHttpServletResponse notHex = page(tap.p(), "zz" + tap.c().substring(2), client);
        MockHttpServletResponse missing = page(null, null, client);
        MockHttpServletResponse unknown = page(foreign.p(), foreign.c(), client);

        assertThat(shortP.getStatus()).isEqualTo(400);
        assertThat(shortP.getContentAsString()).contains("p must be 32 hexadecimal characters");
        assertThat(notHex.getStatus()).isEqualTo(400);
        assertThat(notHex.getContentAsString()).contains("c must be 16 hexadecimal characters");
        assertThat(missing.getStatus()).isEqualTo(400);
        assertThat(unknown.getStatus()).isEqualTo(403);
        assertThat(unknown.getContentAsString()).contains("Unknown card").doesNotContain("sat</p>");
    }

    @Test
    void one_client_asking_too_often_is_told_to_wait() throws Exception {
        String client = client();
        int refusedAt = -1;
        for (int i = 0; i < 200 && refusedAt < 0; i++) {
            if (page("00", "00", client).getStatus() == 429) {
                refusedAt = i;
            }
        }

        assertThat(refusedAt).as("the burst of 20 is allowed, then 429").isBetween(20, 199);
        MockHttpServletResponse limited = page("00", "00", client);
        assertThat(limited.getHeader("Retry-After")).isNotBlank();
        assertThat(limited.getContentAsString()).contains("Too many requests");
    }

    @Test
    void a_card_without_a_pin_offers_to_choose_one_and_the_pin_chosen_there_is_set_once() throws Exception {
        ActiveCards withPins =
                new ActiveCards(repository, withdrawals, vault, 50_000 * SAT, 200_000 * SAT, 10_000 * SAT);
        BoltCardEmulator emulator = withPins.emulator();
        Card card = withPins.active(emulator, 20_000 * SAT);
        String client = client();
        BoltCardEmulator.Tap tap = emulator.tap();

        String shown = page(tap.p(), tap.c(), client).getContentAsString();
        assertThat(shown).contains("id=\"pin-form\"").contains("Payments of 10,000 sat or more ask for it");
        java.util.regex.Matcher k1 = java.util.regex.Pattern.compile("name=\"k1\" value=\"([0-9a-f]+)\"")
                .matcher(shown);
        assertThat(k1.find()).isTrue();

        MockHttpServletResponse differ = choose(k1.group(1), "2468", "1357", client);
        MockHttpServletResponse tooShort = choose(k1.group(1), "24", "24", client);
        MockHttpServletResponse noToken = choose(null, "2468", "2468", client);
        assertThat(differ.getStatus()).isEqualTo(400);
        assertThat(differ.getContentAsString()).contains("The two PINs differ");
        assertThat(tooShort.getContentAsString()).contains("A PIN has 4 to 6 digits");
        assertThat(noToken.getContentAsString()).contains("tap the card again to choose its PIN");
        assertThat(repository.findById(card.id()).orElseThrow().hasPin())
                .as("nothing written")
                .isFalse();

        MockHttpServletResponse chosen = choose(k1.group(1), "2468", "2468", client);
        assertThat(chosen.getStatus()).isEqualTo(200);
        assertThat(chosen.getContentAsString()).contains("The card's PIN is set.");
        assertThat(repository.findById(card.id()).orElseThrow().hasPin()).isTrue();
        assertThat(choose(k1.group(1), "1357", "1357", client).getContentAsString())
                .as("the page's token chose once")
                .contains("This page is no longer valid");
        BoltCardEmulator.Tap later = emulator.tap();
        assertThat(page(later.p(), later.c(), client).getContentAsString())
                .as("a card with a PIN gets no form")
                .doesNotContain("pin-form");
    }

    private MockHttpServletResponse choose(String k1, String pin, String repeated, String client) throws Exception {
        var request = org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post("/boltcard/balance/pin")
                .contentType(org.springframework.http.MediaType.APPLICATION_FORM_URLENCODED)
                .param("pin", pin)
                .param("repeated", repeated)
                .with(remote(client));
        if (k1 != null) {
            request.param("k1", k1);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private MockHttpServletResponse page(String p, String c, String client) throws Exception {
        var request = get("/boltcard/balance").with(remote(client));
        if (p != null) {
            request.param("p", p);
        }
        if (c != null) {
            request.param("c", c);
        }
        return mvc.perform(request).andReturn().getResponse();
    }

    private static org.springframework.test.web.servlet.request.RequestPostProcessor remote(String client) {
        return servlet -> {
            servlet.setRemoteAddr(client);
            return servlet;
        };
    }

    private static String client() {
        return "10.9.0." + CLIENTS.incrementAndGet();
    }
}
