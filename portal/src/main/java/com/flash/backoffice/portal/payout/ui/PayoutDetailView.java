package com.flash.backoffice.portal.payout.ui;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutEvent;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.portal.payout.PayoutCommandOutcome;
import com.flash.backoffice.portal.payout.PayoutLabels;
import com.flash.backoffice.portal.payout.PayoutService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.approval.ApprovalVerdict;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.function.Function;

/**
 * One payout: its amounts, destination, payment proof and fee, the timeline of every revision, and the actions its
 * state allows. The buttons only send commands; the payout's workflow decides whether each is allowed.
 */
@Route("payouts/:id")
@PageTitle("Payout · Flash")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.SUPPORT, StaffRoles.ADMIN})
class PayoutDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final PayoutService payouts;
    private final boolean canAct;
    private final H2 title = new H2();
    private final FormLayout facts = new FormLayout();
    private final HorizontalLayout actions = new HorizontalLayout();
    final Grid<PayoutEvent> timeline = new Grid<>();
    private String payoutId;

    PayoutDetailView(PayoutService payouts, CurrentUser currentUser) {
        this.payouts = payouts;
        this.canAct = currentUser.get().isPresent();
        title.setId("payout-title");
        actions.setId("payout-actions");
        timeline.setId("payout-timeline");
        timeline.addColumn(PayoutEvent::revision).setHeader("Revision").setAutoWidth(true);
        timeline.addColumn(event -> PayoutLabels.time(event.at()))
                .setHeader("At (UTC)")
                .setAutoWidth(true);
        timeline.addColumn(event -> PayoutLabels.state(event.state()))
                .setHeader("State")
                .setAutoWidth(true);
        timeline.addColumn(PayoutEvent::actor).setHeader("By").setAutoWidth(true);
        timeline.addColumn(event -> event.note() == null ? "" : event.note()).setHeader("Note");
        timeline.setAllRowsVisible(true);
        add(title, facts, actions, new H3("Timeline"), timeline);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        payoutId = event.getRouteParameters().get("id").orElse("");
        refresh();
    }

    private void refresh() {
        facts.removeAll();
        actions.removeAll();
        Payout payout = payouts.find(payoutId).orElse(null);
        if (payout == null) {
            title.setText("No payout " + payoutId);
            timeline.setItems();
            return;
        }
        title.setText("Payout " + payout.id() + " · " + PayoutLabels.state(payout.state()));
        fact("Merchant", payouts.merchantName(payout.merchantId()));
        fact("Amount (BTC)", Msat.ofMsat(payout.amountMsat()).toBtcString());
        fact("Destination", payout.destination());
        fact("Rail", payout.destinationKind().lightning() ? "Lightning" : "On-chain");
        fact("Requested by", payout.requestedBy() + " (" + payout.origin() + ")");
        fact("Requested at (UTC)", PayoutLabels.time(payout.createdAt()));
        fact("Revision", String.valueOf(payout.revision()));
        fact("Fee limit (sat)", String.valueOf(payout.feeLimitMsat() / 1_000));
        if (payout.feeMsat() != null) {
            fact("Fee paid (msat)", String.valueOf(payout.feeMsat()));
        }
        if (payout.proof() != null) {
            fact(payout.destinationKind().lightning() ? "Preimage" : "Transaction id", payout.proof());
        }
        if (payout.failureDetail() != null) {
            fact("Failure", payout.failureDetail());
        }
        if (canAct) {
            addActions(payout);
        }
        timeline.setItems(payouts.timeline(payout.id()));
    }

    private void fact(String label, String value) {
        Span span = new Span(value);
        span.setId("payout-" + label.toLowerCase().replaceAll("[^a-z]+", "-").replaceAll("^-|-$", ""));
        span.getStyle().set("word-break", "break-all");
        facts.addFormItem(span, label);
    }

    private void addActions(Payout payout) {
        long revision = payout.revision();
        if (payout.state() == PayoutState.AWAITING_APPROVAL) {
            actions.add(button(
                    "Approve",
                    "payout-approve",
                    ButtonVariant.LUMO_PRIMARY,
                    () -> send(payouts.decide(payout.id(), ApprovalVerdict.APPROVE, null, revision))));
            actions.add(button(
                    "Reject",
                    "payout-reject",
                    ButtonVariant.LUMO_ERROR,
                    () -> ask(
                            "Reject payout",
                            "Reason (required, for the requester and the audit log)",
                            true,
                            reason -> payouts.decide(payout.id(), ApprovalVerdict.REJECT, reason, revision))));
        }
        if (payout.state() == PayoutState.FAILED) {
            actions.add(button(
                    "Retry payment",
                    "payout-retry",
                    ButtonVariant.LUMO_PRIMARY,
                    () -> send(payouts.retry(payout.id(), revision))));
        }
        if (payout.state() == PayoutState.FAILED || payout.state() == PayoutState.AWAITING_PAYMENT) {
            actions.add(button(
                    "Mark paid",
                    "payout-mark-paid",
                    ButtonVariant.LUMO_CONTRAST,
                    () -> ask(
                            "Mark paid outside Flash",
                            "Proof (a transaction id or reference)",
                            false,
                            proof -> payouts.markPaid(payout.id(), revision, proof))));
        }
        if (!payout.state().isFinal() && payout.state() != PayoutState.IN_PROGRESS) {
            actions.add(button(
                    "Cancel payout",
                    "payout-cancel",
                    ButtonVariant.LUMO_ERROR,
                    () -> ask(
                            "Cancel payout",
                            "Reason (for the audit log)",
                            false,
                            reason -> payouts.cancel(payout.id(), revision, reason))));
        }
    }

    private static Button button(String label, String id, ButtonVariant variant, Runnable action) {
        Button button = new Button(label, event -> action.run());
        button.setId(id);
        button.addThemeVariants(variant);
        return button;
    }

    private void ask(String header, String prompt, boolean required, Function<String, PayoutCommandOutcome> send) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(header);
        Component input = required ? new TextArea(prompt) : new TextField(prompt);
        input.setId("payout-note");
        ((com.vaadin.flow.component.HasSize) input).setWidthFull();
        Button confirm = new Button("Confirm", event -> {
            String text = ((com.vaadin.flow.component.HasValue<?, String>) input).getValue();
            if (required && (text == null || text.isBlank())) {
                ((com.vaadin.flow.component.HasValidation) input).setErrorMessage("A reason is required");
                ((com.vaadin.flow.component.HasValidation) input).setInvalid(true);
                return;
            }
            dialog.close();
            send(send.apply(text));
        });
        confirm.setId("payout-note-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(input);
        dialog.getFooter().add(new Button("Back", event -> dialog.close()), confirm);
        dialog.setWidth("520px");
        dialog.open();
    }

    private void send(PayoutCommandOutcome outcome) {
        if (outcome.done()) {
            Notification.show("Done").addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } else {
            Notification notification = Notification.show(outcome.message());
            notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
            notification.setDuration(8_000);
        }
        refresh();
    }
}
