package com.flash.backoffice.portal.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardEvent;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardReason;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.db.merchant.SpeedPolicy;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/** Cards for staff on the real portal, MariaDB and Temporal: FINANCE issues, SUPPORT and the holder act, roles hold. */
@PortalSpringTest
class CardServiceIT {

    @Autowired
    CardService service;

    @Autowired
    CardRepository cards;

    @Autowired
    DSLContext dsl;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    com.flash.backoffice.db.card.CardPins pins;

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void finance_creates_a_programme_with_a_sealed_key_and_a_bad_draft_gets_field_messages_and_writes_nothing() {
        signIn("fiona", Role.FINANCE);
        int before = cards.programmes().size();

        ProgrammeOutcome bad = service.createProgramme(new ProgrammeDraft(" ", 0, -1, 0L, 0));
        ProgrammeOutcome good = service.createProgramme(draft());

        assertThat(bad.created()).isNull();
        assertThat(bad.errors())
                .containsOnlyKeys("name", "perTapLimitSat", "dailyLimitSat", "pinLimitSat", "activationDays");
        assertThat(good.errors()).isEmpty();
        CardProgramme programme = good.created();
        assertThat(programme.perTapLimitMsat()).isEqualTo(50_000_000);
        assertThat(programme.issuerKeySealed()).hasSize(44);
        assertThat(programme.toString()).doesNotContain(new String(programme.issuerKeySealed()));
        assertThat(cards.programmes()).hasSize(before + 1);
        assertThat(service.createProgramme(new ProgrammeDraft(programme.name(), 1, 1, null, 1))
                        .errors())
                .containsEntry("name", "A programme with this name exists");
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log")
                        .where("target_id = ? and action = 'card-programme.create'", programme.id())))
                .isEqualTo(1);

        signIn("sue", Role.SUPPORT);
        assertThatThrownBy(() -> service.createProgramme(draft())).isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void a_programme_may_pay_only_at_chosen_merchants_and_an_unknown_merchant_is_a_field_message() {
        signIn("fiona", Role.FINANCE);
        Merchant shop = merchants.create(new NewMerchant(
                "Bar " + RandomIds.newId(),
                "EUR",
                null,
                null,
                SpeedPolicy.MEDIUM,
                15,
                1440,
                java.math.BigDecimal.ZERO,
                java.math.BigDecimal.ZERO,
                null,
                com.flash.backoffice.db.merchant.PayoutSchedule.MANUAL,
                com.flash.backoffice.db.merchant.OnchainCustody.MERCHANT_WALLET));
        int before = cards.programmes().size();

        ProgrammeOutcome unknown = service.createProgramme(
                new ProgrammeDraft("Bar cards " + RandomIds.newId(), 1_000, 5_000, null, 30, List.of("no-such")));
        ProgrammeOutcome created = service.createProgramme(
                new ProgrammeDraft("Bar cards " + RandomIds.newId(), 1_000, 5_000, null, 30, List.of(shop.id())));

        assertThat(unknown.errors()).containsEntry("allowedMerchantIds", "Choose merchants from the list");
        assertThat(service.merchants()).extracting(Merchant::id).contains(shop.id());
        assertThat(service.allowedMerchants(created.created().id())).containsExactly(shop.id());
        assertThat(cards.programmes()).hasSize(before + 1);
    }

    @Test
    void a_batch_gives_each_card_a_code_and_a_workflow_and_the_holder_activates_with_the_code_support_freezes()
            throws InterruptedException {
        signIn("fiona", Role.FINANCE);
        CardProgramme programme = service.createProgramme(draft()).created();
        assertThatThrownBy(() -> service.issueBatch(programme.id(), 0)).hasMessage("A batch holds 1 to 1000 cards");

        IssuedBatch batch = service.issueBatch(programme.id(), 3);

        assertThat(batch.cards())
                .hasSize(3)
                .allSatisfy(card -> assertThat(card.activationCode())
                        .matches("[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}"));
        String cardId = batch.cards().getFirst().cardId();
        signIn("sue", Role.SUPPORT);
        assertThat(awaitWorkflow(cardId).message())
                .as("an unprogrammed card is refused by its workflow")
                .contains("program it with the Bolt Card app first");
        assertThat(cards.programmed(cardId, RandomIds.randomHex(16), 0)).isTrue();
        assertThat(cards.findById(cardId).orElseThrow().state()).isEqualTo(CardState.ACTIVATION_PENDING);

        String typed = batch.cards().getFirst().activationCode().toLowerCase().replace("-", " ");
        assertThat(service.activateWithCode("WRONG-CODE-0000").message())
                .isEqualTo("This activation code is not valid");
        assertThat(service.activateWithCode(typed)).isEqualTo(CardCommandOutcome.ok());
        assertThat(service.freeze(cardId, CardReason.SUSPECTED_FRAUD, "odd taps"))
                .isEqualTo(CardCommandOutcome.ok());
        assertThat(service.freeze(cardId, CardReason.SUSPECTED_FRAUD, null).message())
                .contains("Only an active card can be frozen");

        assertThat(service.card(cardId).orElseThrow().state()).isEqualTo(CardState.FROZEN);
        assertThat(service.timeline(cardId))
                .extracting(CardEvent::reason)
                .containsExactly(CardReason.ACTIVATED_BY_HOLDER, CardReason.SUSPECTED_FRAUD);
        assertThat(service.search(programme.id(), CardState.FROZEN, cardId.substring(0, 5), 0, 10))
                .extracting(Card::id)
                .containsExactly(cardId);
        assertThat(service.count(programme.id(), null, null)).isEqualTo(3);

        signIn("mia", Role.MARKETING);
        assertThatThrownBy(() -> service.unfreeze(cardId, CardReason.RECOVERED, null))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.search(null, null, null, 0, 10))
                .isInstanceOf(AuthorizationDeniedException.class);
    }

    @Test
    void a_card_whose_workflow_start_never_happened_gets_it_from_the_sweep_with_the_window_left()
            throws InterruptedException {
        signIn("fiona", Role.FINANCE);
        CardProgramme programme = service.createProgramme(draft()).created();
        String stranded = cards.issueBatch(programme.id(), List.of(RandomIds.randomHex(32)), "fiona")
                .getFirst()
                .id();
        String started =
                service.issueBatch(programme.id(), 1).cards().getFirst().cardId();
        assertThat(cards.withoutWorkflow(java.time.Instant.now().plusSeconds(1), 10_000))
                .extracting(Card::id)
                .contains(stranded)
                .doesNotContain(started);

        assertThat(service.startUnstarted(java.time.Instant.now().plusSeconds(1)))
                .isPositive();

        assertThat(cards.withoutWorkflow(java.time.Instant.now().plusSeconds(1), 10_000))
                .extracting(Card::id)
                .doesNotContain(stranded);
        cards.programmed(stranded, RandomIds.randomHex(16), 0);
        signIn("sue", Role.SUPPORT);
        assertThat(awaitWorkflow(stranded)).isEqualTo(CardCommandOutcome.ok());
        assertThat(cards.findById(stranded).orElseThrow().state()).isEqualTo(CardState.ACTIVE);
    }

    private CardCommandOutcome awaitWorkflow(String cardId) throws InterruptedException {
        long until = System.currentTimeMillis() + 20_000;
        while (true) {
            CardCommandOutcome outcome = service.activate(cardId, "checked");
            if (!outcome.message().contains("life has ended")
                    && !outcome.message().contains("not found")) {
                return outcome;
            }
            assertThat(System.currentTimeMillis()).isLessThan(until);
            Thread.sleep(100);
        }
    }

    private static ProgrammeDraft draft() {
        return new ProgrammeDraft("Festival " + RandomIds.newId(), 50_000, 200_000, null, 30);
    }

    @Test
    void support_clears_a_forgotten_pin_with_a_note_in_the_audit_log_and_no_other_role_can() {
        signIn("fiona", Role.FINANCE);
        CardProgramme programme = service.createProgramme(
                        new ProgrammeDraft("PIN clearing " + RandomIds.newId(), 50_000, 200_000, 10_000L, 30))
                .created();
        String cardId = service.issueBatch(programme.id(), 1).cards().getFirst().cardId();
        pins.set(cardId, "2468");

        assertThatThrownBy(() -> service.clearPin(cardId, "holder forgot it"))
                .as("FINANCE does not clear PINs")
                .isInstanceOf(AuthorizationDeniedException.class);
        signIn("sue", Role.SUPPORT);
        assertThat(service.clearPin(cardId, "  "))
                .isEqualTo(new CardCommandOutcome(
                        false, "Say why, and how the holder was checked (for the audit log)", "note"));
        assertThat(service.clearPin("no-such-card", "forgot").message()).isEqualTo("No card no-such-card");
        assertThat(cards.findById(cardId).orElseThrow().hasPin())
                .as("nothing written")
                .isTrue();

        assertThat(service.clearPin(cardId, "holder forgot it; ID checked at the desk")
                        .done())
                .isTrue();

        assertThat(cards.findById(cardId).orElseThrow().hasPin()).isFalse();
        assertThat(service.clearPin(cardId, "again").message()).isEqualTo("The card has no PIN");
        assertThat(dsl.fetchCount(dsl.selectFrom("audit_log")
                        .where("target_id = ? and action = 'card.pin.clear' and actor = 'sue'", cardId)))
                .isEqualTo(1);
    }

    private static void signIn(String username, Role role) {
        SecurityContextHolder.getContext()
                .setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                        username, "n/a", List.of(new SimpleGrantedAuthority(role.authority()))));
    }
}
