package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.portal.card.ActivationSheets;
import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.Map;
import java.util.stream.Collectors;

/** Every Flash card, newest first, by programme, state and the start of its id; FINANCE creates programmes and batches. */
@Route("cards")
@PageTitle("Flash cards · Flash")
@Menu(order = 3.3, icon = "vaadin:credit-card", title = "Flash cards")
@RolesAllowed({StaffRoles.SUPPORT, StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class CardsView extends VerticalLayout {

    private final CardService cards;
    private final ActivationSheets sheets;
    private final Map<String, String> programmeNames;
    final ComboBox<CardProgramme> programmeFilter = new ComboBox<>("Programme");
    final ComboBox<CardState> stateFilter = new ComboBox<>("State");
    final TextField idFilter = new TextField("Card id starts with");
    final Grid<Card> grid = new Grid<>();

    CardsView(CardService cards, ActivationSheets sheets, CurrentUser currentUser) {
        this.cards = cards;
        this.sheets = sheets;
        this.programmeNames =
                cards.programmes().stream().collect(Collectors.toMap(CardProgramme::id, CardProgramme::name));
        programmeFilter.setId("cards-programme");
        programmeFilter.setItems(cards.programmes());
        programmeFilter.setItemLabelGenerator(CardProgramme::name);
        programmeFilter.setClearButtonVisible(true);
        programmeFilter.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
        stateFilter.setId("cards-state");
        stateFilter.setItems(CardState.values());
        stateFilter.setItemLabelGenerator(CardLabels::state);
        stateFilter.setClearButtonVisible(true);
        stateFilter.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
        idFilter.setId("cards-id");
        idFilter.setClearButtonVisible(true);
        idFilter.setValueChangeMode(ValueChangeMode.LAZY);
        idFilter.addValueChangeListener(event -> grid.getDataProvider().refreshAll());

        grid.setId("cards");
        grid.addColumn(card -> CardLabels.time(card.createdAt()))
                .setHeader("Issued (UTC)")
                .setAutoWidth(true);
        grid.addColumn(Card::id).setHeader("Card").setAutoWidth(true);
        grid.addColumn(card -> programmeNames.getOrDefault(card.programmeId(), card.programmeId()))
                .setHeader("Programme")
                .setAutoWidth(true);
        grid.addColumn(card -> CardLabels.state(card.state()))
                .setKey("state")
                .setHeader("State")
                .setAutoWidth(true);
        grid.addColumn(card -> CardLabels.sat(card.perTapLimitMsat()) + " / " + CardLabels.sat(card.dailyLimitMsat()))
                .setHeader("Limits (tap / day)")
                .setAutoWidth(true);
        grid.setItems(new CallbackDataProvider<Card, Void>(
                query -> cards
                        .search(
                                programmeId(),
                                stateFilter.getValue(),
                                idFilter.getValue(),
                                query.getOffset(),
                                query.getLimit())
                        .stream(),
                query -> cards.count(programmeId(), stateFilter.getValue(), idFilter.getValue()),
                Card::id));
        grid.addItemClickListener(event ->
                getUI().ifPresent(ui -> ui.navigate("cards/" + event.getItem().id())));

        HorizontalLayout toolbar = new HorizontalLayout(programmeFilter, stateFilter, idFilter);
        toolbar.setAlignItems(Alignment.BASELINE);
        if (currentUser.get().map(staff -> staff.has(Role.FINANCE)).orElse(false)) {
            Button newProgramme = new Button("New programme", click -> new ProgrammeDialog(cards, this::reload).open());
            newProgramme.setId("cards-new-programme");
            Button newBatch = new Button("Issue a batch", click -> new BatchDialog(cards, sheets, this::reload).open());
            newBatch.setId("cards-new-batch");
            newBatch.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            toolbar.add(newProgramme, newBatch);
        }
        add(
                new H2("Flash cards"),
                new Paragraph("Prepaid Bolt Cards. FINANCE creates programmes and issues batches; each card is"
                        + " programmed with the Bolt Card app, activated by its holder's code or by SUPPORT, and"
                        + " pays by tapping. Balances come from the ledger."),
                toolbar,
                grid,
                new H3("Programmes"),
                new ProgrammesGrid(cards, cards.programmes()));
        setSizeFull();
    }

    private String programmeId() {
        return programmeFilter.getValue() == null
                ? null
                : programmeFilter.getValue().id();
    }

    private void reload() {
        getUI().ifPresent(ui -> ui.getPage().reload());
    }
}
