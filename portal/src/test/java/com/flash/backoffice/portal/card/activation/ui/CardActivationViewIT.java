package com.flash.backoffice.portal.card.activation.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.card.IssuedBatch;
import com.flash.backoffice.portal.card.ProgrammeDraft;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.PasswordField;
import com.vaadin.flow.component.textfield.TextField;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The holder's activation page, with no staff role, on the real portal, MariaDB and Temporal. */
@PortalSpringTest
class CardActivationViewIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    CardRepository cards;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void the_holder_types_the_code_from_the_carrier_and_a_wrong_or_short_code_gets_a_field_message() {
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        CardService service = context.getBean(CardService.class);
        CardProgramme programme = service.createProgramme(
                        new ProgrammeDraft("Activation " + RandomIds.newId(), 50_000, 200_000, null, 30))
                .created();
        IssuedBatch.CardCode issued =
                service.issueBatch(programme.id(), 1).cards().getFirst();
        KaribuSpring.close();
        cards.programmed(issued.cardId(), RandomIds.randomHex(16), 0);

        KaribuSpring.openAs(context, "holder");
        UI.getCurrent().navigate("cards/activate");
        TextField code = _get(TextField.class, spec -> spec.withId("activation-code"));

        _setValue(code, "ABCD");
        _click(_get(Button.class, spec -> spec.withId("activation-submit")));
        assertThat(code.getErrorMessage())
                .isEqualTo("The code has 12 letters and digits, as printed on the card's carrier");
        _setValue(code, "AAAA-AAAA-AAAA");
        _click(_get(Button.class, spec -> spec.withId("activation-submit")));
        assertThat(code.getErrorMessage()).isEqualTo("This activation code is not valid");
        assertThat(cards.findById(issued.cardId()).orElseThrow().state()).isEqualTo(CardState.ACTIVATION_PENDING);

        _setValue(code, issued.activationCode().toLowerCase());
        long until = System.currentTimeMillis() + 20_000;
        while (cards.findById(issued.cardId()).orElseThrow().state() != CardState.ACTIVE) {
            assertThat(System.currentTimeMillis()).as("the card was activated").isLessThan(until);
            _click(_get(Button.class, spec -> spec.withId("activation-submit")));
        }

        assertThat(_get(Paragraph.class, spec -> spec.withId("activation-result"))
                        .getText())
                .isEqualTo("Your card is active. Tap it to pay.");
    }

    @Test
    void a_card_with_a_pin_limit_needs_the_holder_to_choose_a_pin_of_four_to_six_digits_which_is_stored_hashed() {
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        CardService service = context.getBean(CardService.class);
        CardProgramme programme = service.createProgramme(
                        new ProgrammeDraft("PIN activation " + RandomIds.newId(), 50_000, 200_000, 20_000L, 30))
                .created();
        IssuedBatch.CardCode issued =
                service.issueBatch(programme.id(), 1).cards().getFirst();
        KaribuSpring.close();
        cards.programmed(issued.cardId(), RandomIds.randomHex(16), 0);

        KaribuSpring.openAs(context, "holder");
        UI.getCurrent().navigate("cards/activate");
        _setValue(_get(TextField.class, spec -> spec.withId("activation-code")), issued.activationCode());
        PasswordField pin = _get(PasswordField.class, spec -> spec.withId("activation-pin"));
        _click(_get(Button.class, spec -> spec.withId("activation-submit")));
        assertThat(pin.isInvalid()).isTrue();
        assertThat(pin.getErrorMessage()).isEqualTo("Choose a PIN: payments of 20,000 sat or more need it");
        _setValue(pin, "12");
        _click(_get(Button.class, spec -> spec.withId("activation-submit")));
        assertThat(pin.getErrorMessage()).isEqualTo("A PIN has 4 to 6 digits");
        assertThat(cards.findById(issued.cardId()).orElseThrow().state()).isEqualTo(CardState.ACTIVATION_PENDING);

        _setValue(pin, "8642");
        long until = System.currentTimeMillis() + 20_000;
        while (cards.findById(issued.cardId()).orElseThrow().state() != CardState.ACTIVE) {
            assertThat(System.currentTimeMillis()).as("the card was activated").isLessThan(until);
            _click(_get(Button.class, spec -> spec.withId("activation-submit")));
        }

        assertThat(cards.findById(issued.cardId()).orElseThrow().hasPin()).isTrue();
        assertThat(context.getBean(org.jooq.DSLContext.class)
                        .fetchValue("select pin_hash from card where id = ?", issued.cardId())
                        .toString())
                .doesNotContain("8642");
    }
}
