package com.flash.backoffice.portal.refund.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.refund.Refund;
import com.flash.backoffice.db.refund.RefundState;
import com.flash.backoffice.portal.refund.RefundService;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Every refund, newest first, by merchant and state. A row opens the refund's page; refunds start on an invoice. */
@Route("refunds")
@PageTitle("Refunds · Flash")
@Menu(order = 3.2, icon = "vaadin:arrow-backward", title = "Refunds")
@RolesAllowed({StaffRoles.SUPPORT, StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.ADMIN})
class RefundsView extends VerticalLayout {

    private final RefundService refunds;
    private final Map<String, String> merchantNames;
    final ComboBox<Merchant> merchantFilter = new ComboBox<>("Merchant");
    final ComboBox<RefundState> stateFilter = new ComboBox<>("State");
    final Grid<Refund> grid = new Grid<>();

    RefundsView(RefundService refunds) {
        this.refunds = refunds;
        List<Merchant> merchants = refunds.merchants();
        this.merchantNames = merchants.stream().collect(Collectors.toMap(Merchant::id, Merchant::name));
        merchantFilter.setId("refunds-merchant");
        merchantFilter.setItems(merchants);
        merchantFilter.setItemLabelGenerator(Merchant::name);
        merchantFilter.setClearButtonVisible(true);
        merchantFilter.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
        stateFilter.setId("refunds-state");
        stateFilter.setItems(RefundState.values());
        stateFilter.setItemLabelGenerator(RefundLabels::state);
        stateFilter.setClearButtonVisible(true);
        stateFilter.addValueChangeListener(event -> grid.getDataProvider().refreshAll());

        grid.setId("refunds");
        grid.addColumn(refund -> RefundLabels.time(refund.createdAt()))
                .setHeader("Started (UTC)")
                .setAutoWidth(true);
        grid.addColumn(Refund::invoiceId).setHeader("Invoice").setAutoWidth(true);
        grid.addColumn(refund -> merchantNames.getOrDefault(refund.merchantId(), refund.merchantId()))
                .setHeader("Merchant")
                .setAutoWidth(true);
        grid.addColumn(refund -> refund.variant().greenfieldName())
                .setHeader("Variant")
                .setAutoWidth(true);
        grid.addColumn(refund -> RefundLabels.btc(refund.amountMsat()))
                .setHeader("Amount (BTC)")
                .setAutoWidth(true)
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(RefundLabels::fiat).setHeader("Fiat").setAutoWidth(true).setTextAlign(ColumnTextAlign.END);
        grid.addColumn(refund -> RefundLabels.state(refund.state()))
                .setKey("state")
                .setHeader("State")
                .setAutoWidth(true);
        grid.addColumn(Refund::requestedBy).setHeader("Requested by").setAutoWidth(true);
        grid.setItems(query ->
                refunds.list(merchantId(), stateFilter.getValue(), query.getOffset(), query.getLimit()).stream());
        grid.addItemClickListener(event ->
                getUI().ifPresent(ui -> ui.navigate("refunds/" + event.getItem().id())));

        HorizontalLayout toolbar = new HorizontalLayout(merchantFilter, stateFilter);
        toolbar.setAlignItems(Alignment.BASELINE);
        add(
                new H2("Refunds"),
                new Paragraph("Money going back to customers. SUPPORT starts a refund from an invoice's page and"
                        + " approves its own up to its limit; FINANCE approves the rest. Once approved it is reserved"
                        + " from the merchant's balance and the customer claims it with any Lightning wallet."),
                toolbar,
                grid);
        setSizeFull();
    }

    private String merchantId() {
        return merchantFilter.getValue() == null
                ? null
                : merchantFilter.getValue().id();
    }
}
