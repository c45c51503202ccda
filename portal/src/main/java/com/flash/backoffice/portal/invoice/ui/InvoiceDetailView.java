package com.flash.backoffice.portal.invoice.ui;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceEvent;
import com.flash.backoffice.db.invoice.InvoicePayment;
import com.flash.backoffice.db.ledger.JournalLine;
import com.flash.backoffice.db.ledger.PostedEntry;
import com.flash.backoffice.db.webhook.WebhookDelivery;
import com.flash.backoffice.portal.checkout.PaymentUris;
import com.flash.backoffice.portal.checkout.QrCodes;
import com.flash.backoffice.portal.invoice.InvoiceService;
import com.flash.backoffice.portal.refund.ui.InvoiceRefunds;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.workflows.invoice.MarkResult;
import com.flash.backoffice.workflows.invoice.MarkTarget;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Image;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

@Route("invoices/:id")
@PageTitle("Invoice · Flash")
@RolesAllowed({StaffRoles.ADMIN, StaffRoles.FINANCE, StaffRoles.SUPPORT, StaffRoles.ACCOUNTANT})
class InvoiceDetailView extends VerticalLayout implements BeforeEnterObserver {

    private final InvoiceService invoices;
    private final InvoiceRefunds refunds;
    private final CurrentUser currentUser;
    private final boolean canMark;
    private final boolean canCreate;
    private final boolean canRetryPosting;
    private String invoiceId;

    InvoiceDetailView(InvoiceService invoices, InvoiceRefunds refunds, CurrentUser currentUser) {
        this.invoices = invoices;
        this.refunds = refunds;
        this.currentUser = currentUser;
        this.canMark = currentUser
                .get()
                .map(staff -> staff.has(Role.SUPPORT) || staff.has(Role.FINANCE))
                .orElse(false);
        this.canCreate =
                canMark || currentUser.get().map(staff -> staff.has(Role.ADMIN)).orElse(false);
        this.canRetryPosting = currentUser
                .get()
                .map(staff -> staff.has(Role.FINANCE) || staff.has(Role.ADMIN))
                .orElse(false);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        invoiceId = event.getRouteParameters().get("id").orElse("");
        render();
    }

    private void render() {
        removeAll();
        var found = invoices.find(invoiceId);
        if (found.isEmpty()) {
            add(new H2("No invoice " + invoiceId));
            return;
        }
        Invoice invoice = found.get();
        Span status = new Span(invoice.status().btcpayName());
        status.setId("invoice-status");
        Span additional = new Span(invoice.additionalStatus().btcpayName());
        additional.setId("invoice-additional-status");
        add(
                new H2("Invoice " + invoice.id()),
                new HorizontalLayout(new Span("Status:"), status, new Span("/"), additional),
                statusReason(invoice),
                new Paragraph("Amount " + InvoiceFormat.amount(invoice) + " · paid "
                        + InvoiceFormat.btc(invoice.paidMsat()) + " BTC · speed policy "
                        + invoice.speedPolicy().name() + " · tolerance "
                        + invoice.toleranceBasisPoints() / 100.0 + " %"),
                new Paragraph("Created " + invoice.createdAt() + " · expires " + invoice.expiresAt()
                        + " · monitored until " + invoice.monitoringUntil()),
                new Anchor("workflows/invoice-" + invoice.id(), "Workflow and its history"));
        if (invoice.needsAttention()) {
            add(attention(invoice));
        }
        var destinations = invoices.paymentDestinations(invoice.id());
        add(new Paragraph("On-chain address: "
                + (destinations.address() == null ? "none (no watch-only key)" : destinations.address())));
        add(new Paragraph("Lightning: " + (destinations.bolt11() == null ? "none" : destinations.bolt11())));
        add(new Anchor("i/" + invoice.id(), "Customer checkout page"));
        add(paymentCodes(invoice, destinations));
        if (canMark) {
            add(new HorizontalLayout(markButton(MarkTarget.SETTLED), markButton(MarkTarget.INVALID)));
        }
        if (canCreate && invoices.networkIsSimulated()) {
            add(simulationTools(invoice));
        }
        add(new H3("Metadata"), new Pre(invoice.metadataJson()));
        add(new H3("Payments"), payments());
        add(new H3("Timeline"), timeline());
        add(refunds.panel(invoice));
        add(new H3("Ledger"), ledgerEntries());
        add(new H3("Webhook deliveries"), webhookDeliveries());
    }

    /**
     * QR codes to pay the amount still due: the unified BIP21 URI (address and BOLT11 in one scan), and each
     * network's own, as the checkout page shows them.
     */
    private Component paymentCodes(Invoice invoice, InvoiceService.PaymentDestinations destinations) {
        HorizontalLayout codes = new HorizontalLayout();
        codes.setId("payment-codes");
        Long dueMsat = invoice.amountMsat() == null ? null : Math.max(invoice.amountMsat() - invoice.paidMsat(), 0L);
        if (destinations.address() != null || destinations.bolt11() != null) {
            codes.add(qrCode(
                    "qr-unified",
                    "Address and Lightning (BIP21)",
                    PaymentUris.unified(destinations.address(), dueMsat, destinations.bolt11())));
        }
        if (destinations.address() != null) {
            codes.add(qrCode("qr-address", "On-chain", PaymentUris.onChain(destinations.address(), dueMsat)));
        }
        if (destinations.bolt11() != null) {
            codes.add(qrCode("qr-bolt11", "Lightning (BOLT11)", PaymentUris.lightning(destinations.bolt11())));
        }
        return codes;
    }

    private static Div qrCode(String id, String caption, String uri) {
        Image image = new Image(QrCodes.svgDataUri(uri), caption + ": " + uri);
        image.setId(id);
        image.getElement().setAttribute("data-uri", uri);
        image.setWidth("200px");
        image.setHeight("200px");
        return new Div(image, new Paragraph(caption));
    }

    private Grid<WebhookDelivery> webhookDeliveries() {
        Grid<WebhookDelivery> grid = new Grid<>();
        grid.setId("invoice-webhook-deliveries");
        grid.addColumn(WebhookDelivery::createdAt).setHeader("Created (UTC)").setAutoWidth(true);
        grid.addColumn(WebhookDelivery::eventType).setHeader("Event");
        grid.addColumn(WebhookDelivery::id).setHeader("Delivery").setAutoWidth(true);
        grid.addColumn(delivery -> delivery.status().name()).setHeader("Result");
        grid.addColumn(delivery -> delivery.httpCode() == null ? "" : delivery.httpCode())
                .setHeader("HTTP");
        grid.addColumn(delivery -> delivery.redelivery() ? "manual redelivery" : "attempt " + (delivery.attempt() + 1))
                .setHeader("Kind");
        grid.addColumn(delivery -> delivery.errorMessage() == null ? "" : delivery.errorMessage())
                .setHeader("Error");
        if (canCreate) {
            grid.addComponentColumn(delivery -> {
                        Button redeliver = new Button("Redeliver", click -> {
                            WebhookDelivery created = invoices.redeliverWebhook(invoiceId, delivery.id());
                            Notification.show("Redelivery " + created.id() + " queued.");
                            render();
                        });
                        redeliver.setId("redeliver-" + delivery.id());
                        redeliver.addThemeVariants(ButtonVariant.TERTIARY);
                        return redeliver;
                    })
                    .setKey("redeliver")
                    .setHeader("");
        }
        grid.setItems(invoices.webhookDeliveries(invoiceId));
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** Development only: act as the customer's wallet and the miners on the simulated network. */
    private HorizontalLayout simulationTools(Invoice invoice) {
        Button onChain = new Button("Simulate on-chain payment", click -> {
            Notification.show(invoices.simulatePayment(invoice.id(), false));
            render();
        });
        onChain.setId("simulate-onchain");
        Button lightning = new Button("Simulate Lightning payment", click -> {
            Notification.show(invoices.simulatePayment(invoice.id(), true));
            render();
        });
        lightning.setId("simulate-lightning");
        Button mine = new Button("Mine a block", click -> {
            invoices.simulateBlocks(1);
            Notification.show("Mined one block on the simulated network.");
            render();
        });
        mine.setId("simulate-block");
        Span label = new Span("SIMULATED NETWORK (development only):");
        label.getElement().getThemeList().add("badge error");
        return new HorizontalLayout(label, onChain, lightning, mine);
    }

    private Grid<InvoicePayment> payments() {
        Grid<InvoicePayment> grid = new Grid<>();
        grid.setId("invoice-payments");
        grid.addColumn(payment -> payment.method().name()).setHeader("Method");
        grid.addColumn(InvoicePayment::paymentRef).setHeader("Payment").setAutoWidth(true);
        grid.addColumn(payment -> InvoiceFormat.btc(payment.amountMsat())).setHeader("BTC");
        grid.addColumn(InvoicePayment::confirmations).setHeader("Confirmations");
        grid.addColumn(payment -> payment.status().name()).setHeader("State");
        grid.addColumn(InvoicePayment::seenAt).setHeader("Seen (UTC)");
        grid.setItems(invoices.payments(invoiceId));
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** Why staff marked it, or why its settlement was reversed; empty when there is no reason. */
    private static Paragraph statusReason(Invoice invoice) {
        Paragraph reason =
                new Paragraph(invoice.statusReason() == null ? "" : "Status reason: " + invoice.statusReason());
        reason.setId("invoice-status-reason");
        reason.setVisible(invoice.statusReason() != null);
        return reason;
    }

    /** One row per ledger line, so a reversal shows each side of the settlement swapped. */
    private Grid<LedgerRow> ledgerEntries() {
        Grid<LedgerRow> grid = new Grid<>();
        grid.setId("invoice-ledger");
        grid.addColumn(row -> row.entry().bookedAt()).setHeader("Booked (UTC)").setAutoWidth(true);
        grid.addColumn(row -> row.entry().sourceKey()).setHeader("Entry").setAutoWidth(true);
        grid.addColumn(row -> row.entry().description()).setHeader("Description");
        grid.addColumn(row -> row.line().accountCode()).setHeader("Account").setAutoWidth(true);
        grid.addColumn(row -> row.line().side().name()).setHeader("Side");
        grid.addColumn(row -> row.line().amount().toBtcString()).setHeader("BTC");
        grid.setItems(invoices.ledgerEntries(invoiceId).stream()
                .flatMap(entry -> entry.lines().stream().map(line -> new LedgerRow(entry, line)))
                .toList());
        grid.setAllRowsVisible(true);
        return grid;
    }

    private record LedgerRow(PostedEntry entry, JournalLine line) {}

    private Grid<InvoiceEvent> timeline() {
        Grid<InvoiceEvent> grid = new Grid<>();
        grid.setId("invoice-timeline");
        grid.addColumn(InvoiceEvent::occurredAt).setHeader("When (UTC)").setAutoWidth(true);
        grid.addColumn(InvoiceEvent::eventType).setHeader("Event");
        grid.addColumn(event -> event.status().btcpayName() + " / "
                        + event.additionalStatus().btcpayName())
                .setHeader("Status");
        grid.addColumn(event -> event.detail() == null ? "" : event.detail()).setHeader("Details");
        grid.setItems(invoices.events(invoiceId));
        grid.setAllRowsVisible(true);
        return grid;
    }

    /** The ledger refused a posting: the workflow waits; FINANCE or ADMIN ask it to try again once it is fixed. */
    private HorizontalLayout attention(Invoice invoice) {
        Span label = new Span("Needs attention: the ledger refused a posting (" + invoice.attentionReason()
                + "). It is retried hourly.");
        label.setId("invoice-needs-attention");
        label.getElement().getThemeList().add("badge error");
        HorizontalLayout row = new HorizontalLayout(label);
        if (canRetryPosting) {
            Button retry = new Button("Retry posting", click -> {
                invoices.retryPosting(invoiceId);
                Notification.show("Asked the invoice's workflow to post again.");
                render();
            });
            retry.setId("retry-posting");
            row.add(retry);
        }
        return row;
    }

    private Button markButton(MarkTarget target) {
        String label = target == MarkTarget.SETTLED ? "Mark settled" : "Mark invalid";
        Button button = new Button(label, click -> confirmMark(target, label));
        button.setId("mark-" + target.name().toLowerCase());
        button.addThemeVariants(ButtonVariant.TERTIARY);
        return button;
    }

    private void confirmMark(MarkTarget target, String label) {
        Dialog dialog = new Dialog();
        dialog.setHeaderTitle(label);
        TextArea reason = new TextArea("Reason (kept with the invoice and in the audit log)");
        reason.setId("mark-reason");
        reason.setWidthFull();
        dialog.add(reason);
        Button confirm = new Button(label, click -> {
            MarkResult result = invoices.mark(invoiceId, target, reason.getValue());
            if (result == MarkResult.REASON_REQUIRED) {
                reason.setErrorMessage(result.message());
                reason.setInvalid(true);
                return;
            }
            Notification.show(result.message());
            dialog.close();
            render();
        });
        confirm.setId("confirm-mark");
        confirm.addThemeVariants(ButtonVariant.PRIMARY);
        dialog.getFooter().add(new Button("Back", click -> dialog.close()), confirm);
        dialog.open();
    }
}
