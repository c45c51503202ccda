package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardProgramme;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.portal.card.CardCommandOutcome;
import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.data.provider.CallbackDataProvider;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The cards still to be activated, the first to expire first: how long each has left before its workflow retires it,
 * and, for SUPPORT, "Activate" after checking the holder (the card's workflow holds the rule).
 */
@Route("cards/activations")
@PageTitle("Card activations · Flash")
@Menu(order = 3.31, icon = "vaadin:key", title = "Card activations")
@RolesAllowed({StaffRoles.SUPPORT, StaffRoles.FINANCE, StaffRoles.ADMIN})
class ActivationInboxView extends VerticalLayout {

    private final CardService cards;
    private final Map<String, CardProgramme> programmes;
    final Span count = new Span();
    final Grid<Card> grid = new Grid<>();

    ActivationInboxView(CardService cards, CurrentUser currentUser) {
        this.cards = cards;
        this.programmes = cards.programmes().stream().collect(Collectors.toMap(CardProgramme::id, Function.identity()));
        boolean support = currentUser.get().map(user -> user.has(Role.SUPPORT)).orElse(false);
        count.setId("activations-count");
        grid.setId("activations");
        grid.addColumn(card -> CardLabels.time(card.createdAt()))
                .setHeader("Issued (UTC)")
                .setAutoWidth(true);
        grid.addColumn(Card::id).setHeader("Card").setAutoWidth(true);
        grid.addColumn(card -> programme(card).map(CardProgramme::name).orElse(card.programmeId()))
                .setHeader("Programme")
                .setAutoWidth(true);
        grid.addColumn(card -> card.state() == CardState.ISSUED ? "Not programmed yet" : "Programmed, awaiting holder")
                .setHeader("Stage")
                .setAutoWidth(true);
        grid.addColumn(card -> expiresAt(card).map(CardLabels::time).orElse(""))
                .setHeader("Retired if not activated by (UTC)")
                .setAutoWidth(true);
        grid.addColumn(card -> expiresAt(card).map(ActivationInboxView::left).orElse(""))
                .setHeader("Left")
                .setAutoWidth(true);
        if (support) {
            grid.addComponentColumn(this::activate)
                    .setKey("activate")
                    .setHeader("")
                    .setAutoWidth(true);
        }
        grid.setItems(new CallbackDataProvider<Card, Void>(
                query -> cards.awaitingActivation(query.getOffset(), query.getLimit()).stream(),
                query -> cards.countAwaitingActivation(),
                Card::id));
        grid.addItemDoubleClickListener(event ->
                getUI().ifPresent(ui -> ui.navigate("cards/" + event.getItem().id())));
        add(
                new H2("Card activations"),
                new Paragraph(
                        "Cards issued and not yet activated. The holder activates with the code on the card's"
                                + " carrier; SUPPORT may activate a programmed card after checking the holder. A card not"
                                + " activated in its programme's window is retired by its workflow. Double-click opens a card."),
                count,
                grid);
        setSizeFull();
        showCount();
    }

    private Button activate(Card card) {
        Button button = new Button("Activate", click -> {
            CardCommandOutcome outcome = cards.activate(card.id(), "activated by SUPPORT from the activation inbox");
            Notification notification =
                    Notification.show(outcome.done() ? "Card " + card.id() + " is active" : outcome.message());
            notification.addThemeVariants(
                    outcome.done() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
            grid.getDataProvider().refreshAll();
            showCount();
        });
        button.setId("activate-" + card.id());
        button.addThemeVariants(ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_PRIMARY);
        button.setEnabled(card.state() == CardState.ACTIVATION_PENDING);
        return button;
    }

    private void showCount() {
        int waiting = cards.countAwaitingActivation();
        count.setText(waiting == 1 ? "1 card awaits activation" : waiting + " cards await activation");
    }

    private java.util.Optional<CardProgramme> programme(Card card) {
        return java.util.Optional.ofNullable(programmes.get(card.programmeId()));
    }

    private java.util.Optional<Instant> expiresAt(Card card) {
        return programme(card).map(programme -> card.createdAt().plus(Duration.ofDays(programme.activationDays())));
    }

    private static String left(Instant expiresAt) {
        Duration left = Duration.between(Instant.now(), expiresAt);
        if (left.isNegative()) {
            return "Due now";
        }
        long days = left.toDays();
        return days >= 1 ? days + (days == 1 ? " day" : " days") : left.toHours() + " h";
    }
}
