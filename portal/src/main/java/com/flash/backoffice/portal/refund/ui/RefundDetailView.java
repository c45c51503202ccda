package com.flash.backoffice.portal.refund.ui;

import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundEvent;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.portal.refund.RefundClaimPaths;
import com.flash.backoffice.portal.refund.RefundCommandOutcome;
import com.flash.backoffice.portal.refund.RefundService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
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
import java.util.function.Function;

/**
 * One refund: amounts, where it comes from and why, the customer's claim link (for SUPPORT and FINANCE), the
 * timeline, and the actions its state allows. The buttons only send commands; the refund's workflow decides.
 */
@Route("refunds/:id")
@PageTitle("Refund · Flash")
@RolesAllowed({StaffRoles.SUPPORT, StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class RefundDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final RefundService refunds;
    private final boolean agent;
    private final H2 title = new H2();
    private final FormLayout facts = new FormLayout();
    private final HorizontalLayout actions = new HorizontalLayout();
    final Grid<RefundEvent> timeline = new Grid<>();
    private String refundId;

    RefundDetailView(RefundService refunds, CurrentUser currentUser) {
        this.refunds = refunds;
        this.agent = currentUser
                .get()
                .map(staff -> staff.has(Role.SUPPORT) || staff.has(Role.FINANCE))
                .orElse(false);
        title.setId("refund-title");
        actions.setId("refund-actions");
        timeline.setId("refund-timeline");
        timeline.addColumn(RefundEvent::revision).setHeader("Revision").setAutoWidth(true);
        timeline.addColumn(event -> RefundLabels.time(event.at()))
                .setHeader("At (UTC)")
                .setAutoWidth(true);
        timeline.addColumn(event -> RefundLabels.state(event.state()))
                .setHeader("State")
                .setAutoWidth(true);
        timeline.addColumn(RefundEvent::actor).setHeader("By").setAutoWidth(true);
        timeline.addColumn(event -> event.note() == null ? "" : event.note()).setHeader("Note");
        timeline.setAllRowsVisible(true);
        add(title, facts, actions, new H3("Timeline"), timeline);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        refundId = event.getRouteParameters().get("id").orElse("");
        refresh();
    }

    private void refresh() {
        facts.removeAll();
        actions.removeAll();
        Refund refund = refunds.find(refundId).orElse(null);
        if (refund == null) {
            title.setText("No refund " + refundId);
            timeline.setItems();
            return;
        }
        title.setText("Refund " + refund.id() + " · " + RefundLabels.state(refund.state()));
        facts.addFormItem(new Anchor("invoices/" + refund.invoiceId(), refund.invoiceId()), "Invoice");
        fact("Merchant", refunds.merchantName(refund.merchantId()));
        fact(
                "Amount (BTC)",
                RefundLabels.btc(refund.amountMsat())
                        + (refund.amountFixed() ? "" : " (an estimate: fixed at today's rate on approval)"));
        if (refund.fiatAmount() != null) {
            fact(
                    "Fiat value",
                    RefundLabels.fiat(refund) + " at "
                            + refund.rate().stripTrailingZeros().toPlainString() + " " + refund.fiatCurrency()
                            + "/BTC");
        }
        fact(
                "Variant",
                refund.variant().greenfieldName()
                        + (refund.subtractPercentage().signum() > 0
                                ? ", less " + refund.subtractPercentage().toPlainString() + " % for fees"
                                : ""));
        fact(
                "From",
                switch (refund.source()) {
                    case MERCHANT ->
                        refund.allowNegativeBalance()
                                ? "The merchant's balance (a negative balance allowed by FINANCE)"
                                : "The merchant's balance";
                    case SUSPENSE -> "Receipt " + refund.suspenseReceiptId() + " in suspense";
                });
        fact("Reason", refund.reason());
        fact(
                "Requested by",
                refund.requestedBy() + " (" + refund.origin() + ") at " + RefundLabels.time(refund.createdAt()));
        fact("Revision", String.valueOf(refund.revision()));
        if (refund.claimExpiresAt() != null) {
            fact("Claim until (UTC)", RefundLabels.time(refund.claimExpiresAt()));
        }
        if (agent && refund.state() == RefundState.AWAITING_CLAIM) {
            Anchor link = new Anchor(RefundClaimPaths.claimPage(refund.claimToken()), "Customer's claim page");
            link.setId("refund-claim-link");
            link.setTarget("_blank");
            facts.addFormItem(link, "Claim link");
        }
        if (refund.destination() != null) {
            fact("Destination", refund.destination());
        }
        if (refund.feeMsat() != null) {
            fact("Fee paid (msat)", String.valueOf(refund.feeMsat()));
        }
        if (refund.proof() != null) {
            fact("Proof", refund.proof());
        }
        if (refund.failureDetail() != null) {
            fact("Note", refund.failureDetail());
        }
        if (agent) {
            addActions(refund);
        }
        if (refund.state() == RefundState.AWAITING_APPROVAL) {
            actions.add(new Anchor("approvals", "Open the approvals inbox"));
        }
        timeline.setItems(refunds.timeline(refund.id()));
    }

    private void fact(String label, String value) {
        Span span = new Span(value);
        span.setId("refund-" + label.toLowerCase().replaceAll("[^a-z]+", "-").replaceAll("^-|-$", ""));
        span.getStyle().set("word-break", "break-all");
        facts.addFormItem(span, label);
    }

    private void addActions(Refund refund) {
        if (refund.state() == RefundState.AWAITING_CLAIM) {
            actions.add(button(
                    "Pay to a destination",
                    "refund-pay",
                    ButtonVariant.LUMO_PRIMARY,
                    () -> ask(
                            "Pay the refund to a destination",
                            "BOLT11 invoice, Lightning address or Bitcoin address",
                            destination -> refunds.pay(refund.id(), destination))));
        }
        if (refund.state() == RefundState.AWAITING_APPROVAL || refund.state() == RefundState.AWAITING_CLAIM) {
            actions.add(button(
                    "Cancel refund",
                    "refund-cancel",
                    ButtonVariant.LUMO_ERROR,
                    () -> ask(
                            "Cancel refund",
                            "Reason (for the audit log)",
                            reason -> refunds.cancel(refund.id(), refund.revision(), reason))));
        }
    }

    private static Button button(String label, String id, ButtonVariant variant, Runnable action) {
        Button button = new Button(label, event -> action.run());
        button.setId(id);
        button.addThemeVariants(variant);
        return button;
    }

    private void ask(String header, String prompt, Function<String, RefundCommandOutcome> send) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(header);
        TextField input = new TextField(prompt);
        input.setId("refund-input");
        input.setWidthFull();
        Button confirm = new Button("Confirm", event -> {
            if (input.getValue() == null || input.getValue().isBlank()) {
                input.setErrorMessage("Required");
                input.setInvalid(true);
                return;
            }
            RefundCommandOutcome outcome = send.apply(input.getValue());
            if (!outcome.done() && "invalid-destination".equals(outcome.code())) {
                input.setErrorMessage(outcome.message());
                input.setInvalid(true);
                return;
            }
            dialog.close();
            show(outcome);
        });
        confirm.setId("refund-input-confirm");
        confirm.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        dialog.add(input);
        dialog.getFooter().add(new Button("Back", event -> dialog.close()), confirm);
        dialog.setWidth("560px");
        dialog.open();
    }

    private void show(RefundCommandOutcome outcome) {
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
