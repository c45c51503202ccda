package com.flash.backoffice.portal.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardWithdrawals;
import com.flash.backoffice.db.card.NewCardProgramme;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.flash.backoffice.workflows.card.BoltCardEmulator;
import com.flash.backoffice.workflows.card.CardKeyDerivation;
import com.flash.backoffice.workflows.card.CardKeyVault;
import com.flash.backoffice.workflows.card.CardKeys;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The programming app's side over HTTP: SUPPORT makes a single-use deeplink (audited), the app POSTs the blank
 * NTAG424's UID without any session or CSRF token and gets the card's URL and deterministic keys; the card then taps.
 */
@PortalSpringTest
class BoltCardProgrammingIT {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final MockMvc mvc;
    private final CardProgrammingService programming;
    private final CardRepository cards;
    private final CardWithdrawals withdrawals;
    private final CardKeyVault vault;
    private final DSLContext dsl;

    BoltCardProgrammingIT(
            @Autowired WebApplicationContext context,
            @Autowired CardProgrammingService programming,
            @Autowired CardRepository cards,
            @Autowired CardWithdrawals withdrawals,
            @Autowired CardKeyVault vault,
            @Autowired DSLContext dsl) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.programming = programming;
        this.cards = cards;
        this.withdrawals = withdrawals;
        this.vault = vault;
        this.dsl = dsl;
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void support_makes_a_link_the_app_gets_the_keys_once_and_the_programmed_card_taps() throws Exception {
        byte[] issuerKey = CardKeyVault.newIssuerKey();
        Card card = issued(programme(issuerKey));
        signIn("sue", Role.SUPPORT);

        String deeplink = programming.link(card.id(), false).orElseThrow().deeplink();

        assertThat(deeplink).startsWith("boltcard://program?url=");
        String url = URLDecoder.decode(deeplink.substring("boltcard://program?url=".length()), StandardCharsets.UTF_8);
        assertThat(url).contains("/boltcard/program/");
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log")
                        .where("target_id = ? and action = 'card.programming-link' and actor = 'sue'", card.id())))
                .isEqualTo(1);
        SecurityContextHolder.clearContext();
        String path = url.substring(url.indexOf("/boltcard/program/"));
        byte[] uid = BoltCardEmulator.fresh(issuerKey).uid();

        MvcResult answer =
                appPosts(path, "{\"UID\":\"" + HexFormat.of().withUpperCase().formatHex(uid) + "\"}");

        assertThat(answer.getResponse().getStatus()).isEqualTo(200);
        JsonNode keys = JSON.readTree(answer.getResponse().getContentAsString());
        CardKeys expected = CardKeyDerivation.keys(issuerKey, uid, 0);
        assertThat(keys.get("LNURLW").asString()).startsWith("lnurlw://").endsWith("/boltcard");
        assertThat(keys.get("K0").asString()).isEqualTo(expected.hex(expected.k0()));
        assertThat(keys.get("K1").asString()).isEqualTo(expected.hex(expected.k1()));
        assertThat(keys.get("K2").asString()).isEqualTo(expected.hex(expected.k2()));
        assertThat(keys.get("K3").asString()).isEqualTo(expected.hex(expected.k3()));
        assertThat(keys.get("K4").asString()).isEqualTo(expected.hex(expected.k4()));
        MvcResult again = appPosts(path, "{\"UID\":\"" + HexFormat.of().formatHex(uid) + "\"}");
        assertThat(again.getResponse().getStatus()).isEqualTo(404);
        assertThat(again.getResponse().getContentAsString()).contains("\"status\":\"ERROR\"", "Unknown or expired");

        cards.move(card.id(), CardState.ACTIVATION_PENDING, CardState.ACTIVE);
        withdrawals.creditFromLightning(card.id(), 5_000_000, "card-" + card.id() + "-top-up", "top-up", Instant.now());
        BoltCardEmulator.Tap tap = new BoltCardEmulator(issuerKey, uid, 0, 0).tap();
        JsonNode request =
                JSON.readTree(mvc.perform(get("/boltcard").param("p", tap.p()).param("c", tap.c()))
                        .andReturn()
                        .getResponse()
                        .getContentAsString());
        assertThat(request.get("tag").asString()).isEqualTo("withdrawRequest");
        assertThat(request.get("maxWithdrawable").asLong()).isEqualTo(5_000_000);
    }

    @Test
    void a_bad_body_is_a_400_an_unknown_link_a_404_and_marketing_makes_no_links() throws Exception {
        Card card = issued(programme(CardKeyVault.newIssuerKey()));
        signIn("sue", Role.SUPPORT);
        String url = URLDecoder.decode(
                programming.link(card.id(), false).orElseThrow().deeplink().substring(23), StandardCharsets.UTF_8);
        String path = url.substring(url.indexOf("/boltcard/program/"));
        SecurityContextHolder.clearContext();

        assertThat(appPosts(path, "not json").getResponse().getStatus()).isEqualTo(400);
        MvcResult empty = appPosts(path, "{}");
        assertThat(empty.getResponse().getStatus()).isEqualTo(400);
        assertThat(empty.getResponse().getContentAsString()).contains("to program a card");
        assertThat(appPosts(path, "{\"UID\":\"04\"}").getResponse().getStatus()).isEqualTo(400);
        assertThat(appPosts("/boltcard/program/" + "0".repeat(48), "{\"UID\":\"04a39493cc8680\"}")
                        .getResponse()
                        .getStatus())
                .isEqualTo(404);
        assertThat(cards.findById(card.id()).orElseThrow().cardKeyId())
                .as("nothing written")
                .isNull();

        signIn("mia", Role.MARKETING);
        assertThatThrownBy(() -> programming.link(card.id(), false)).isInstanceOf(AuthorizationDeniedException.class);
    }

    private MvcResult appPosts(String path, String body) throws Exception {
        return mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body))
                .andReturn();
    }

    private CardProgramme programme(byte[] issuerKey) {
        String id = RandomIds.newId();
        return cards.createProgramme(new NewCardProgramme(
                id, "Programming " + id, vault.seal(id, issuerKey), 50_000_000, 200_000_000, null, 30, "fiona"));
    }

    private Card issued(CardProgramme programme) {
        return cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst();
    }

    private static void signIn(String username, Role role) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, "n/a", List.of(new SimpleGrantedAuthority(role.authority()))));
    }
}
