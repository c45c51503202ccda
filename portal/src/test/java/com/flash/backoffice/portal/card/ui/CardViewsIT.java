package com.flash.backoffice.portal.card.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardRepository;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.support.RandomIds;
import com.flash.backoffice.portal.card.ActivationSheets;
import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.card.IssuedBatch;
import com.flash.backoffice.portal.card.ProgrammeDraft;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.textfield.IntegerField;
import com.vaadin.flow.component.textfield.TextField;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** The card pages in the browser's place (Karibu) on the real portal, MariaDB and Temporal. */
@PortalSpringTest
class CardViewsIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    CardRepository cards;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void finance_creates_a_programme_issues_a_batch_and_sees_each_cards_activation_code_once() throws Exception {
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        UI.getCurrent().navigate("cards");

        _click(_get(Button.class, spec -> spec.withId("cards-new-programme")));
        _click(_get(Button.class, spec -> spec.withId("programme-save")));
        assertThat(_get(TextField.class, spec -> spec.withId("programme-name")).isInvalid())
                .as("a name is required")
                .isTrue();
        String name = "Festival " + RandomIds.newId();
        _setValue(_get(TextField.class, spec -> spec.withId("programme-name")), name);
        _setValue(_get(IntegerField.class, spec -> spec.withId("programme-daily")), 10);
        _click(_get(Button.class, spec -> spec.withId("programme-save")));
        assertThat(_get(IntegerField.class, spec -> spec.withId("programme-daily"))
                        .getErrorMessage())
                .isEqualTo("At least the per-payment limit");
        _setValue(_get(IntegerField.class, spec -> spec.withId("programme-daily")), 200_000);
        _click(_get(Button.class, spec -> spec.withId("programme-save")));
        CardProgramme programme = cards.programmes().stream()
                .filter(candidate -> candidate.name().equals(name))
                .findFirst()
                .orElseThrow();

        UI.getCurrent().navigate("cards");
        Grid<?> programmes = _get(Grid.class, spec -> spec.withId("card-programmes"));
        assertThat(java.util.stream.IntStream.range(0, GridKt._size(programmes))
                        .mapToObj(i -> GridKt._getFormattedRow(programmes, i)))
                .anySatisfy(row -> assertThat(row).contains(name, "50,000 sat", "200,000 sat", "No PIN", "Anywhere"));
        _click(_get(Button.class, spec -> spec.withId("cards-new-batch")));
        BatchDialog dialog = _get(BatchDialog.class);
        dialog.programme.setValue(programme);
        _setValue(dialog.size, 2);
        _click(_get(Button.class, spec -> spec.withId("batch-issue")));

        assertThat(GridKt._size(dialog.codes)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(dialog.codes, 0).get(1)).matches("[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}");
        assertThat(cards.count(programme.id(), CardState.ISSUED, null)).isEqualTo(2);
        assertThat(dialog.sheet.isVisible()).isTrue();
        assertThat(dialog.sheet.getHref())
                .as("the PDF is served by the dialog's download handler")
                .isNotBlank();
        IssuedBatch issued = new IssuedBatch(
                "batch-view",
                programme.id(),
                List.of(new IssuedBatch.CardCode(
                        "card-view", GridKt._getFormattedRow(dialog.codes, 0).get(1))));
        byte[] pdf = context.getBean(ActivationSheets.class).pdf(issued);
        try (var document = org.apache.pdfbox.Loader.loadPDF(pdf)) {
            assertThat(new org.apache.pdfbox.text.PDFTextStripper().getText(document))
                    .contains(
                            "Activation sheet: " + name,
                            GridKt._getFormattedRow(dialog.codes, 0).get(1),
                            "/cards/activate");
        }
    }

    @Test
    void support_activates_and_freezes_a_card_the_accountant_only_reads_and_marketing_is_refused() {
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        CardService service = context.getBean(CardService.class);
        CardProgramme programme = service.createProgramme(
                        new ProgrammeDraft("Views " + RandomIds.newId(), 50_000, 200_000, null, 30))
                .created();
        String cardId = service.issueBatch(programme.id(), 1).cards().getFirst().cardId();
        KaribuSpring.close();
        cards.programmed(cardId, RandomIds.randomHex(16), 0);

        KaribuSpring.openAs(context, "sue", Role.SUPPORT);
        UI.getCurrent().navigate("cards/" + cardId);
        awaitActivation(cardId);
        assertThat(_get(H2.class, spec -> spec.withId("card-title")).getText()).endsWith("Active");
        _click(_get(Button.class, spec -> spec.withId("card-freeze")));
        _click(_get(Button.class, spec -> spec.withId("card-confirm")));
        assertThat(cards.findById(cardId).orElseThrow().state()).isEqualTo(CardState.FROZEN);
        Grid<?> timeline = _get(Grid.class, spec -> spec.withId("card-timeline"));
        assertThat(GridKt._size(timeline)).isEqualTo(2);
        assertThat(GridKt._getFormattedRow(timeline, 1)).contains("Frozen", "Holder request", "sue");
        KaribuSpring.close();

        KaribuSpring.openAs(context, "alex", Role.ACCOUNTANT);
        UI.getCurrent().navigate("cards/" + cardId);
        assertThat(_find(Button.class, spec -> spec.withId("card-unfreeze"))).isEmpty();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("card-balance"))
                        .getText())
                .isEqualTo("0.00000000 BTC (0 sat)");
        KaribuSpring.close();

        KaribuSpring.openAs(context, "mark", Role.MARKETING);
        assertThatThrownBy(() -> {
                    UI.getCurrent().navigate("cards");
                    _get(CardsView.class);
                })
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void a_top_ups_and_a_taps_page_forward_to_their_card_and_unknown_ones_say_so() {
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        CardService service = context.getBean(CardService.class);
        CardProgramme programme = service.createProgramme(
                        new ProgrammeDraft("Links " + RandomIds.newId(), 50_000, 200_000, null, 30))
                .created();
        String cardId = service.issueBatch(programme.id(), 1).cards().getFirst().cardId();
        UI.getCurrent().navigate("cards/" + cardId);
        _click(_get(Button.class, spec -> spec.withId("card-top-up")));
        ManualTopUpDialog dialog = _get(ManualTopUpDialog.class);
        _setValue(dialog.amount, "1000");
        _setValue(dialog.reason, "welcome bonus");
        _click(_get(Button.class, spec -> spec.withId("top-up-confirm")));
        String topUpId = service.topUps(cardId).getFirst().id();

        UI.getCurrent()
                .navigate(com.flash.backoffice.portal.workflow.BusinessPages.route(
                                com.flash.backoffice.workflows.card.CardTopUpWorkflow.workflowId(topUpId))
                        .orElseThrow());
        assertThat(_get(H2.class, spec -> spec.withId("card-title")).getText()).contains(cardId);

        UI.getCurrent().navigate("cards/top-ups/nope");
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("card-part-unknown"))
                        .getText())
                .isEqualTo("No card top-up nope");
        UI.getCurrent().navigate("cards/taps/x1");
        assertThat(_get(com.vaadin.flow.component.html.Paragraph.class, spec -> spec.withId("card-part-unknown"))
                        .getText())
                .isEqualTo("No card tap x1");
    }

    @Test
    void support_clears_a_forgotten_pin_from_the_card_page_after_saying_why() {
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        CardService service = context.getBean(CardService.class);
        CardProgramme programme = service.createProgramme(
                        new ProgrammeDraft("PIN views " + RandomIds.newId(), 50_000, 200_000, 10_000L, 30))
                .created();
        String cardId = service.issueBatch(programme.id(), 1).cards().getFirst().cardId();
        UI.getCurrent().navigate("cards/" + cardId);
        context.getBean(com.flash.backoffice.db.card.CardPins.class).set(cardId, "2468");
        UI.getCurrent().navigate("cards/" + cardId);
        assertThat(_find(Button.class, spec -> spec.withId("card-clear-pin")))
                .as("FINANCE clears no PIN")
                .isEmpty();
        KaribuSpring.close();

        KaribuSpring.openAs(context, "sue", Role.SUPPORT);
        UI.getCurrent().navigate("cards/" + cardId);
        _click(_get(Button.class, spec -> spec.withId("card-clear-pin")));
        _click(_get(Button.class, spec -> spec.withId("card-pin-confirm")));
        TextField note = _get(TextField.class, spec -> spec.withId("card-pin-note"));
        assertThat(note.isInvalid()).isTrue();
        assertThat(note.getErrorMessage()).contains("Say why");
        assertThat(cards.findById(cardId).orElseThrow().hasPin()).isTrue();
        _setValue(note, "holder forgot it; ID checked at the desk");
        _click(_get(Button.class, spec -> spec.withId("card-pin-confirm")));

        assertThat(cards.findById(cardId).orElseThrow().hasPin()).isFalse();
        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("card-pin"))
                        .getText())
                .contains("none set");
        assertThat(_find(Button.class, spec -> spec.withId("card-clear-pin"))).isEmpty();
    }

    @Test
    void finance_tops_up_a_card_from_its_page_a_bad_amount_gets_a_field_message_and_support_sees_no_button() {
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        CardService service = context.getBean(CardService.class);
        CardProgramme programme = service.createProgramme(
                        new ProgrammeDraft("Top-ups " + RandomIds.newId(), 50_000, 200_000, null, 30))
                .created();
        String cardId = service.issueBatch(programme.id(), 1).cards().getFirst().cardId();
        UI.getCurrent().navigate("cards/" + cardId);

        _click(_get(Button.class, spec -> spec.withId("card-top-up")));
        ManualTopUpDialog dialog = _get(ManualTopUpDialog.class);
        _setValue(dialog.amount, "1.5");
        _setValue(dialog.reason, "welcome bonus");
        _click(_get(Button.class, spec -> spec.withId("top-up-confirm")));
        assertThat(dialog.amount.isInvalid()).isTrue();
        assertThat(dialog.amount.getErrorMessage()).isEqualTo("A whole number of sat, without signs or decimals");
        _setValue(dialog.amount, "250000");
        assertThat(dialog.hint.getText()).contains("another FINANCE user approves it");
        _setValue(dialog.amount, "20000");
        assertThat(dialog.hint.getText()).isEqualTo("Within your limit: the card is credited at once.");
        _click(_get(Button.class, spec -> spec.withId("top-up-confirm")));

        assertThat(_get(com.vaadin.flow.component.html.Span.class, spec -> spec.withId("card-balance"))
                        .getText())
                .isEqualTo("0.00020000 BTC (20,000 sat)");
        Grid<?> topUps = _get(Grid.class, spec -> spec.withId("card-top-ups"));
        assertThat(GridKt._getFormattedRow(topUps, 0)).contains("Manual", "Credited", "20,000 sat", "welcome bonus");
        _click(_get(Button.class, spec -> spec.withId("card-top-up")));
        ManualTopUpDialog large = _get(ManualTopUpDialog.class);
        _setValue(large.amount, "250000");
        _setValue(large.reason, "raffle prize");
        _click(_get(Button.class, spec -> spec.withId("top-up-confirm")));
        Grid<?> after = _get(Grid.class, spec -> spec.withId("card-top-ups"));
        assertThat(GridKt._getFormattedRow(after, 0))
                .as("the newest: a manual top-up waits for its approval, not for a payment")
                .contains("Manual", "Awaiting approval", "250,000 sat", "raffle prize");
        KaribuSpring.close();

        KaribuSpring.openAs(context, "sue", Role.SUPPORT);
        UI.getCurrent().navigate("cards/" + cardId);
        assertThat(_find(Button.class, spec -> spec.withId("card-top-up"))).isEmpty();
    }

    @Test
    void support_activates_a_programmed_card_from_the_activation_inbox_which_shows_when_each_card_expires() {
        KaribuSpring.openAs(context, "fiona", Role.FINANCE);
        CardService service = context.getBean(CardService.class);
        CardProgramme programme = service.createProgramme(
                        new ProgrammeDraft("Inbox " + RandomIds.newId(), 50_000, 200_000, null, 14))
                .created();
        List<IssuedBatch.CardCode> issued =
                service.issueBatch(programme.id(), 2).cards();
        KaribuSpring.close();
        String programmed = issued.get(0).cardId();
        String blank = issued.get(1).cardId();
        cards.programmed(programmed, RandomIds.randomHex(16), 0);

        KaribuSpring.openAs(context, "sue", Role.SUPPORT);
        UI.getCurrent().navigate("cards/activations");
        ActivationInboxView inbox = _get(ActivationInboxView.class);
        assertThat(row(inbox, programmed)).contains("Programmed, awaiting holder", "13 days");
        assertThat(row(inbox, blank)).contains("Not programmed yet");
        assertThat(activateButton(inbox, blank).isEnabled())
                .as("an unprogrammed card cannot be activated yet")
                .isFalse();
        long until = System.currentTimeMillis() + 20_000;
        while (cards.findById(programmed).orElseThrow().state() != CardState.ACTIVE) {
            assertThat(System.currentTimeMillis()).as("the card was activated").isLessThan(until);
            UI.getCurrent().navigate("cards");
            UI.getCurrent().navigate("cards/activations");
            _click(activateButton(_get(ActivationInboxView.class), programmed));
        }
        UI.getCurrent().navigate("cards");
        UI.getCurrent().navigate("cards/activations");
        assertThat(row(_get(ActivationInboxView.class), programmed))
                .as("an active card leaves the inbox")
                .isEmpty();
        KaribuSpring.close();

        KaribuSpring.openAs(context, "alex", Role.ACCOUNTANT);
        assertThatThrownBy(() -> {
                    UI.getCurrent().navigate("cards/activations");
                    _get(ActivationInboxView.class);
                })
                .isInstanceOf(AssertionError.class);
    }

    private static List<String> row(ActivationInboxView inbox, String cardId) {
        for (int i = 0; i < GridKt._size(inbox.grid); i++) {
            List<String> row = GridKt._getFormattedRow(inbox.grid, i);
            if (row.contains(cardId)) {
                return row;
            }
        }
        return List.of();
    }

    private static Button activateButton(ActivationInboxView inbox, String cardId) {
        for (int i = 0; i < GridKt._size(inbox.grid); i++) {
            if (GridKt._getFormattedRow(inbox.grid, i).contains(cardId)) {
                return (Button) GridKt._getCellComponent(inbox.grid, i, "activate");
            }
        }
        throw new AssertionError("card " + cardId + " is not in the activation inbox");
    }

    /** The card's workflow starts a moment after the batch; SUPPORT presses Activate once it answers. */
    private void awaitActivation(String cardId) {
        long until = System.currentTimeMillis() + 20_000;
        while (cards.findById(cardId).orElseThrow().state() != CardState.ACTIVE) {
            assertThat(System.currentTimeMillis()).as("the card was activated").isLessThan(until);
            _click(_get(Button.class, spec -> spec.withId("card-activate")));
        }
    }
}
