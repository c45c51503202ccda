package com.flash.backoffice.portal.ledger.ui;

import com.flash.backoffice.db.ledger.AccountTypeBalance;
import com.flash.backoffice.portal.ledger.LedgerService;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteAlias;
import jakarta.annotation.security.RolesAllowed;

@Route("dashboard")
@RouteAlias("")
@PageTitle("Dashboard · Flash")
@Menu(order = 0, icon = "vaadin:dashboard", title = "Dashboard")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.MARKETING, StaffRoles.SUPPORT, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class DashboardView extends VerticalLayout {

    DashboardView(LedgerService ledger) {
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
}
