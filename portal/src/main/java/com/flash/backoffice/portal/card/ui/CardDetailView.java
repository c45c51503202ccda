package com.flash.backoffice.portal.card.ui;

import com.flash.backoffice.db.card.Card;
import com.flash.backoffice.db.card.CardEvent;
import com.flash.backoffice.db.card.CardReason;
import com.flash.backoffice.db.card.CardState;
import com.flash.backoffice.db.card.CardTap;
import com.flash.backoffice.db.card.CardTopUp;
import com.flash.backoffice.db.card.CardTopUps;
import com.flash.backoffice.db.card.TopUpKind;
import com.flash.backoffice.portal.card.CardCommandOutcome;
import com.flash.backoffice.portal.card.CardProgrammingService;
import com.flash.backoffice.portal.card.CardService;
import com.flash.backoffice.portal.card.ProgrammingLink;
import com.flash.backoffice.portal.card.topup.ManualTopUps;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.util.List;

/**
 * One card: its state, balance (from the ledger), limits, taps with their outcome and its timeline, and the commands
 * its state allows. The buttons only send commands; the card's workflow decides. No key is ever shown.
 */
@Route("cards/:id")
@PageTitle("Flash card · Flash")
@RolesAllowed({StaffRoles.SUPPORT, StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class CardDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final CardService cards;
    private final CardProgrammingService programming;
    private final ManualTopUps manualTopUps;
    private final boolean staff;
    private final boolean finance;
    private final boolean support;
    private final H2 title = new H2();
    private final FormLayout facts = new FormLayout();
    final HorizontalLayout actions = new HorizontalLayout();
    final Grid<CardTap> taps = new Grid<>();
    final Grid<CardEvent> timeline = new Grid<>();
    final Grid<CardTopUp> topUps = new Grid<>();
    private String cardId;

    CardDetailView(
            CardService cards, CardProgrammingService programming, ManualTopUps manualTopUps, CurrentUser currentUser) {
        this.cards = cards;
        this.programming = programming;
        this.manualTopUps = manualTopUps;
        this.finance = currentUser.get().map(user -> user.has(Role.FINANCE)).orElse(false);
        this.support = currentUser.get().map(user -> user.has(Role.SUPPORT)).orElse(false);
        this.staff = currentUser
                .get()
                .map(user -> user.has(Role.SUPPORT) || user.has(Role.FINANCE))
                .orElse(false);
        title.setId("card-title");
        actions.setId("card-actions");
        taps.setId("card-taps");
        taps.addColumn(tap -> CardLabels.time(tap.createdAt()))
                .setHeader("At (UTC)")
                .setAutoWidth(true);
        taps.addColumn(tap -> tap.counter() == null ? "" : tap.counter().toString())
                .setHeader("Counter");
        taps.addColumn(CardTap::state).setHeader("Outcome").setAutoWidth(true);
        taps.addColumn(tap -> tap.amountMsat() == null ? "" : CardLabels.sat(tap.amountMsat()))
                .setHeader("Amount");
        taps.addColumn(tap -> tap.reason() == null ? "" : tap.reason()).setHeader("Reason");
        taps.setAllRowsVisible(true);
        topUps.setId("card-top-ups");
        topUps.addColumn(topUp -> CardLabels.time(topUp.createdAt()))
                .setHeader("At (UTC)")
                .setAutoWidth(true);
        topUps.addColumn(topUp -> topUp.kind() == TopUpKind.LIGHTNING ? "Lightning (LNURL-pay)" : "Manual")
                .setHeader("How")
                .setAutoWidth(true);
        topUps.addColumn(topUp -> topUp.expiredAt(Instant.now()) ? "Expired unpaid" : topUpState(topUp))
                .setHeader("Outcome")
                .setAutoWidth(true);
        topUps.addColumn(topUp ->
                        CardLabels.sat(topUp.creditedMsat() == null ? topUp.amountMsat() : topUp.creditedMsat()))
                .setHeader("Amount");
        topUps.addColumn(topUp -> topUp.note() != null ? topUp.note() : topUp.reason() == null ? "" : topUp.reason())
                .setHeader("Note");
        topUps.setAllRowsVisible(true);
        timeline.setId("card-timeline");
        timeline.addColumn(CardEvent::revision).setHeader("Revision").setAutoWidth(true);
        timeline.addColumn(event -> CardLabels.time(event.at()))
                .setHeader("At (UTC)")
                .setAutoWidth(true);
        timeline.addColumn(event -> CardLabels.state(event.state()))
                .setHeader("State")
                .setAutoWidth(true);
        timeline.addColumn(event -> CardLabels.reason(event.reason()))
                .setHeader("Reason")
                .setAutoWidth(true);
        timeline.addColumn(CardEvent::actor).setHeader("By").setAutoWidth(true);
        timeline.addColumn(event -> event.note() == null ? "" : event.note()).setHeader("Note");
        timeline.setAllRowsVisible(true);
        add(title, facts, actions, new H3("Taps"), taps, new H3("Top-ups"), topUps, new H3("Timeline"), timeline);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        cardId = event.getRouteParameters().get("id").orElse("");
        refresh();
    }

    private void refresh() {
        facts.removeAll();
        actions.removeAll();
        Card card = cards.card(cardId).orElse(null);
        if (card == null) {
            title.setText("No card " + cardId);
            taps.setItems();
            topUps.setItems();
            timeline.setItems();
            return;
        }
        title.setText("Card " + card.id() + " · " + CardLabels.state(card.state()));
        long balance = cards.balanceMsat(card.id());
        fact("Balance", CardLabels.btc(balance) + " BTC (" + CardLabels.sat(balance) + ")");
        fact("Per payment", CardLabels.sat(card.perTapLimitMsat()));
        fact("Per rolling day", CardLabels.sat(card.dailyLimitMsat()));
        if (card.pinLimitMsat() != null) {
            fact(
                    "PIN",
                    "From " + CardLabels.sat(card.pinLimitMsat()) + "; "
                            + (card.hasPin() ? "set by the holder" : "none set: larger payments are refused")
                            + (card.pinFailures() > 0 ? "; " + card.pinFailures() + " wrong in a row" : ""));
        }
        fact("Programmed", card.cardKeyId() == null ? "Not yet" : "Yes, key version " + card.version());
        fact("Activated (UTC)", card.activatedAt() == null ? "Not yet" : CardLabels.time(card.activatedAt()));
        if (card.replacedBy() != null) {
            facts.addFormItem(new Anchor("cards/" + card.replacedBy(), card.replacedBy()), "Replaced by");
        }
        if (staff) {
            addActions(card);
            addTopUp(card);
        }
        taps.setItems(cards.taps(card.id()));
        topUps.setItems(cards.topUps(card.id()));
        timeline.setItems(cards.timeline(card.id()));
    }

    private static String topUpState(CardTopUp topUp) {
        return switch (topUp.state()) {
            case OPEN -> topUp.kind() == TopUpKind.MANUAL ? "Awaiting approval" : "Awaiting payment";
            case CREDITED -> "Credited";
            case SUSPENSE -> "In suspense (card holds no value)";
            case CANCELLED -> "Cancelled";
        };
    }

    private void fact(String label, String value) {
        Span span = new Span(value);
        span.setId("card-" + label.toLowerCase().replaceAll("[^a-z]+", "-").replaceAll("^-|-$", ""));
        facts.addFormItem(span, label);
    }

    private void addActions(Card card) {
        CardState state = card.state();
        if (state == CardState.ISSUED || state == CardState.ACTIVATION_PENDING || state == CardState.ACTIVE) {
            actions.add(button("Programming link", "card-program", ButtonVariant.LUMO_TERTIARY, () -> link(false)));
        }
        if (state == CardState.ISSUED || state == CardState.ACTIVATION_PENDING) {
            actions.add(button(
                    "Activate",
                    "card-activate",
                    ButtonVariant.LUMO_PRIMARY,
                    () -> show(cards.activate(card.id(), "activated by SUPPORT after checking"))));
        }
        if (state == CardState.ACTIVE) {
            actions.add(button(
                    "Freeze",
                    "card-freeze",
                    ButtonVariant.LUMO_ERROR,
                    () -> ask(
                            "Freeze the card",
                            List.of(CardReason.HOLDER_REQUEST, CardReason.SUSPECTED_FRAUD, CardReason.OTHER),
                            false,
                            (reason, note, replacement) -> cards.freeze(card.id(), reason, note))));
        }
        if (state == CardState.FROZEN) {
            actions.add(button(
                    "Unfreeze",
                    "card-unfreeze",
                    ButtonVariant.LUMO_PRIMARY,
                    () -> ask(
                            "Unfreeze the card",
                            List.of(CardReason.RECOVERED, CardReason.HOLDER_REQUEST, CardReason.OTHER),
                            false,
                            (reason, note, replacement) -> cards.unfreeze(card.id(), reason, note))));
        }
        if (state == CardState.ACTIVE || state == CardState.FROZEN) {
            actions.add(button(
                    "Report lost",
                    "card-lost",
                    ButtonVariant.LUMO_ERROR,
                    () -> ask(
                            "Report the card lost: it stops for good",
                            List.of(CardReason.LOST, CardReason.STOLEN, CardReason.DAMAGED),
                            true,
                            (reason, note, replacement) -> cards.reportLost(card.id(), reason, note, replacement))));
        }
        if (!state.isFinal()) {
            actions.add(button(
                    "Retire",
                    "card-retire",
                    ButtonVariant.LUMO_ERROR,
                    () -> ask(
                            "Retire the card",
                            List.of(
                                    CardReason.PROGRAMME_ENDED,
                                    CardReason.DAMAGED,
                                    CardReason.HOLDER_REQUEST,
                                    CardReason.OTHER),
                            false,
                            (reason, note, replacement) -> cards.retire(card.id(), reason, note))));
        }
        if (state == CardState.RETIRED) {
            actions.add(button("Wipe link", "card-wipe", ButtonVariant.LUMO_TERTIARY, () -> link(true)));
        }
        if (support && card.hasPin() && !state.isFinal()) {
            actions.add(button("Clear PIN", "card-clear-pin", ButtonVariant.LUMO_TERTIARY, () -> clearPin(card)));
        }
    }

    /** The holder forgot the PIN: cleared after SUPPORT checked who they are; they choose a new one on a tap. */
    private void clearPin(Card card) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle("Clear the card's PIN");
        TextField note = new TextField("Why, and how the holder was checked (for the audit log)");
        note.setId("card-pin-note");
        note.setWidthFull();
        note.setMaxLength(500);
        Button confirm = new Button("Clear PIN", click -> {
            CardCommandOutcome outcome = cards.clearPin(card.id(), note.getValue());
            if (!outcome.done() && "note".equals(outcome.field())) {
                note.setErrorMessage(outcome.message());
                note.setInvalid(true);
                return;
            }
            dialog.close();
            show(outcome);
        });
        confirm.setId("card-pin-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY, ButtonVariant.LUMO_ERROR);
        dialog.add(
                new Paragraph("Payments from the PIN amount up are refused until the holder taps the card, opens its"
                        + " balance page and chooses a new PIN there."),
                note);
        dialog.getFooter().add(new Button("Back", click -> dialog.close()), confirm);
        dialog.setWidth("520px");
        dialog.open();
    }

    private void addTopUp(Card card) {
        if (finance && CardTopUps.CREDITABLE.contains(card.state())) {
            actions.add(button(
                    "Top up",
                    "card-top-up",
                    ButtonVariant.LUMO_PRIMARY,
                    () -> new ManualTopUpDialog(card.id(), manualTopUps, this::refresh).open()));
        }
    }

    private void link(boolean reset) {
        ProgrammingLink link = programming.link(cardId, reset).orElse(null);
        if (link == null) {
            Notification.show("This card takes no programming link");
            return;
        }
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(
                reset ? "Wipe the card with the Bolt Card app" : "Program the card with the Bolt Card app");
        Anchor open = new Anchor();
        // boltcard: is not among Vaadin's safe URL schemes; the link is Flash's own, never user input.
        open.setUnsafeHref(link.deeplink());
        open.setText("Open in the Bolt Card NFC Programmer");
        open.setId("card-deeplink");
        dialog.add(
                new Paragraph("Open this on the phone that holds the card (single use, until "
                        + CardLabels.time(link.expiresAt()) + " UTC). The keys go to the app only."),
                open);
        dialog.getFooter().add(new Button("Close", click -> dialog.close()));
        dialog.open();
    }

    private interface Command {
        CardCommandOutcome send(CardReason reason, String note, String replacement);
    }

    private void ask(String header, List<CardReason> reasons, boolean withReplacement, Command command) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(header);
        ComboBox<CardReason> reason = new ComboBox<>("Reason");
        reason.setId("card-reason");
        reason.setItems(reasons);
        reason.setItemLabelGenerator(CardLabels::reason);
        reason.setValue(reasons.getFirst());
        TextField note = new TextField("Note (for the audit log)");
        note.setId("card-note");
        note.setWidthFull();
        TextField replacement = new TextField("Replacement card id (its balance moves there)");
        replacement.setId("card-replacement");
        replacement.setWidthFull();
        replacement.setVisible(withReplacement);
        Button confirm = new Button("Confirm", click -> {
            if (reason.getValue() == null) {
                reason.setErrorMessage("Choose a reason");
                reason.setInvalid(true);
                return;
            }
            CardCommandOutcome outcome = command.send(reason.getValue(), note.getValue(), replacement.getValue());
            if (!outcome.done() && withReplacement && !replacement.getValue().isBlank()) {
                replacement.setErrorMessage(outcome.message());
                replacement.setInvalid(true);
                return;
            }
            dialog.close();
            show(outcome);
        });
        confirm.setId("card-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(new VerticalLayout(reason, note, replacement));
        dialog.getFooter().add(new Button("Back", click -> dialog.close()), confirm);
        dialog.setWidth("520px");
        dialog.open();
    }

    private void show(CardCommandOutcome outcome) {
        Notification notification = Notification.show(outcome.message());
        notification.addThemeVariants(
                outcome.done() ? NotificationVariant.LUMO_SUCCESS : NotificationVariant.LUMO_ERROR);
        if (!outcome.done()) {
            notification.setDuration(8_000);
        }
        refresh();
    }

    private static Button button(String label, String id, ButtonVariant variant, Runnable action) {
        Button button = new Button(label, event -> action.run());
        button.setId(id);
        button.addThemeVariants(variant);
        return button;
    }
}
