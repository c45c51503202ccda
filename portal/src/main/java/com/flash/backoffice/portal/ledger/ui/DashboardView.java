package com.flash.backoffice.portal.ledger.ui;

import com.flash.backoffice.db.ledger.AccountTypeBalance;
import com.flash.backoffice.db.notice.FinanceNotice;
import com.flash.backoffice.portal.ledger.LedgerService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;

@Route("dashboard")
@RouteAlias("")
@PageTitle("Dashboard · Flash")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Dashboard")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.MARKETING, StaffRoles.SUPPORT, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class DashboardView extends VerticalLayout {

    DashboardView(LedgerService ledger, CurrentUser currentUser) {
        if (currentUser.get().map(staff -> staff.has(Role.FINANCE)).orElse(false)) {
            addFinanceNotices(ledger);
        }
        Grid<AccountTypeBalance> balances = new Grid<>();
        balances.setId("balances");
        balances.addColumn(balance -> balance.type().name()).setHeader("Account type");
        balances.addColumn(balance -> balance.debitMsat().toBtcString())
                .setHeader("Debits (BTC)")
                .setTextAlign(ColumnTextAlign.END);
        balances.addColumn(balance -> balance.creditMsat().toBtcString())
                .setHeader("Credits (BTC)")
                .setTextAlign(ColumnTextAlign.END);
        balances.addColumn(balance -> balance.balanceMsat().toBtcString())
                .setHeader("Balance (BTC)")
                .setTextAlign(ColumnTextAlign.END);
        balances.setItems(ledger.balancesByAccountType());
        balances.setAllRowsVisible(true);
        add(
                new H2("Ledger balances"),
                new Paragraph("Posted double-entry journal, per account type, in BTC to the millisatoshi."),
                balances);
    }

    /** Kept until read here: the notices are rows in the database, not a toast that vanishes. */
    private void addFinanceNotices(LedgerService ledger) {
        List<FinanceNotice> notices = ledger.financeNotices();
        if (notices.isEmpty()) {
            return;
        }
        Grid<FinanceNotice> grid = new Grid<>();
        grid.setId("finance-notices");
        grid.addColumn(FinanceNotice::createdAt).setHeader("When (UTC)").setAutoWidth(true);
        grid.addComponentColumn(notice -> notice.invoiceId() == null
                        ? new Anchor()
                        : new Anchor("invoices/" + notice.invoiceId(), notice.invoiceId()))
                .setHeader("Invoice")
                .setAutoWidth(true);
        grid.addColumn(FinanceNotice::message).setHeader("Notice").setFlexGrow(1);
        grid.setItems(notices);
        grid.setAllRowsVisible(true);
        add(new H2("Finance notices"), grid);
    }
}
