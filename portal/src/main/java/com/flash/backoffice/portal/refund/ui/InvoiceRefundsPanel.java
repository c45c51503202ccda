package com.flash.backoffice.portal.refund.ui;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundRules;
import com.flash.backoffice.portal.refund.RefundService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/**
 * The refunds of one invoice on its page, and for SUPPORT and FINANCE the button that starts one when the invoice can
 * be refunded (BTCPay's rule, {@link RefundRules}).
 */
class InvoiceRefundsPanel extends VerticalLayout {

    InvoiceRefundsPanel(RefundService refunds, CurrentUser currentUser, Invoice invoice) {
        setPadding(false);
        setId("invoice-refunds");
        boolean agent = currentUser
                .get()
                .map(staff -> staff.has(Role.SUPPORT) || staff.has(Role.FINANCE))
                .orElse(false);
        boolean finance =
                currentUser.get().map(staff -> staff.has(Role.FINANCE)).orElse(false);
        add(new H3("Refunds"));
        if (agent && RefundRules.refundable(invoice)) {
            Button start = new Button(
                    "Refund",
                    click -> new RefundStartDialog(
                                    refunds,
                                    invoice,
                                    finance,
                                    refund -> getUI().ifPresent(ui -> ui.navigate("refunds/" + refund.id())))
                            .open());
            start.setId("invoice-refund");
            start.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(start);
        } else if (agent) {
            add(new Paragraph(RefundRules.refusal(invoice).orElse("")));
        }
        java.util.List<Refund> list = refunds.forInvoice(invoice.id());
        if (list.isEmpty()) {
            add(new Paragraph("No refunds."));
            return;
        }
        Grid<Refund> grid = new Grid<>();
        grid.setId("invoice-refunds-grid");
        grid.addColumn(refund -> RefundLabels.time(refund.createdAt()))
                .setHeader("Started (UTC)")
                .setAutoWidth(true);
        grid.addColumn(refund -> refund.variant().greenfieldName()).setHeader("Variant");
        grid.addColumn(refund -> RefundLabels.btc(refund.amountMsat())).setHeader("Amount (BTC)");
        grid.addColumn(refund -> RefundLabels.state(refund.state())).setHeader("State");
        grid.addColumn(Refund::requestedBy).setHeader("Requested by");
        grid.setItems(list);
        grid.setAllRowsVisible(true);
        grid.addItemClickListener(event ->
                getUI().ifPresent(ui -> ui.navigate("refunds/" + event.getItem().id())));
        add(grid);
    }
}
