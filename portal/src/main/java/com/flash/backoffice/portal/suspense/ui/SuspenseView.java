package com.flash.backoffice.portal.suspense.ui;

import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.suspense.SuspenseReceipt;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.flash.backoffice.portal.suspense.SuspenseOverview;
import com.flash.backoffice.portal.suspense.SuspenseService;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

/**
 * Receipts to resolve: the suspense account's balance and the open receipts behind it. FINANCE allocates a
 * custodial receipt to a merchant or acknowledges a note; a receipt left open waits for a refund.
 */
@Route("suspense")
@PageTitle("Receipts to resolve · Flash")
@Menu(order = 4, icon = "vaadin:scale-unbalance", title = "Receipts to resolve")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.SUPPORT, StaffRoles.ADMIN})
class SuspenseView extends VerticalLayout {

    private final SuspenseService suspense;
    private final boolean canResolve;
    private final Span balance = new Span();
    private final Span openCustodial = new Span();
    private final Span mismatch = new Span();
    final Grid<SuspenseReceipt> grid = new Grid<>();

    SuspenseView(SuspenseService suspense, CurrentUser currentUser) {
        this.suspense = suspense;
        this.canResolve =
                currentUser.get().map(staff -> staff.has(Role.FINANCE)).orElse(false);
        balance.setId("suspense-balance");
        openCustodial.setId("suspense-open-custodial");
        mismatch.setId("suspense-mismatch");
        mismatch.getElement().getThemeList().add("badge error");
        grid.setId("suspense-receipts");
        grid.addColumn(receipt -> receipt.kind().name()).setHeader("Kind");
        grid.addColumn(receipt -> receipt.custodial() ? "Custodial" : "Note (merchant's wallet)")
                .setHeader("Custody");
        grid.addColumn(SuspenseReceipt::invoiceId).setHeader("Invoice");
        grid.addColumn(SuspenseReceipt::merchantId).setHeader("Merchant");
        grid.addColumn(receipt -> receipt.paymentMethod().name()).setHeader("Rail");
        grid.addColumn(SuspenseView::reference).setHeader("Payment ref / address");
        grid.addColumn(receipt -> Msat.ofMsat(receipt.amountMsat()).toBtcString())
                .setHeader("Amount (BTC)")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(receipt -> Msat.ofMsat(receipt.openMsat()).toBtcString())
                .setHeader("Open (BTC)")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(receipt -> receipt.receivedAt().toString()).setHeader("Received at (UTC)");
        if (canResolve) {
            grid.addComponentColumn(this::action).setKey("action").setHeader("");
        }
        add(
                new H2("Receipts to resolve"),
                new Paragraph("Received value that belongs to no settled amount: overpaid, paid to an expired invoice,"
                        + " or paid after the invoice's monitoring ended. Custodial receipts are booked to the suspense"
                        + " account until FINANCE allocates them to a merchant; a receipt left open waits for a refund."
                        + " A note records coins that went to the merchant's own wallet."),
                balance,
                openCustodial,
                mismatch,
                grid);
        refresh();
    }

    private Button action(SuspenseReceipt receipt) {
        Button button = receipt.custodial()
                ? new Button("Allocate…", click -> new AllocateDialog(suspense, receipt, this::refresh).open())
                : new Button("Acknowledge…", click -> new AcknowledgeDialog(suspense, receipt, this::refresh).open());
        button.setId((receipt.custodial() ? "allocate-" : "acknowledge-") + receipt.id());
        button.addThemeVariants(ButtonVariant.SMALL);
        return button;
    }

    void refresh() {
        SuspenseOverview overview = suspense.overview();
        balance.setText("Suspense account (unallocated receipts) balance: "
                + overview.ledgerBalance().toBtcString() + " BTC");
        openCustodial.setText(
                "Open custodial receipts: " + overview.openCustodial().toBtcString() + " BTC");
        mismatch.setText("The ledger balance and the open custodial receipts differ: tell the ledger's owner.");
        mismatch.setVisible(!overview.balanced());
        grid.setItems(overview.openReceipts());
    }

    static String reference(SuspenseReceipt receipt) {
        if (receipt.paymentRef() != null && receipt.address() != null) {
            return receipt.paymentRef() + " → " + receipt.address();
        }
        return receipt.paymentRef() != null ? receipt.paymentRef() : receipt.address();
    }
}
