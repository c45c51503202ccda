package com.flash.backoffice.portal.payout.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.money.Msat;
import com.flash.backoffice.db.payout.Payout;
import com.flash.backoffice.db.payout.PayoutState;
import com.flash.backoffice.portal.payout.PayoutLabels;
import com.flash.backoffice.portal.payout.PayoutService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
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
import java.util.Map;
import java.util.stream.Collectors;

/** Every payout, newest first, by merchant and state; FINANCE requests new ones. A row opens the payout's page. */
@Route("payouts")
@PageTitle("Payouts · Flash")
@Menu(order = 3, icon = "vaadin:money-withdraw", title = "Payouts")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.ACCOUNTANT, StaffRoles.SUPPORT, StaffRoles.ADMIN})
class PayoutsView extends VerticalLayout {

    private final PayoutService payouts;
    private final Map<String, String> merchantNames;
    final ComboBox<Merchant> merchantFilter = new ComboBox<>("Merchant");
    final ComboBox<PayoutState> stateFilter = new ComboBox<>("State");
    final Grid<Payout> grid = new Grid<>();

    PayoutsView(PayoutService payouts, CurrentUser currentUser) {
        this.payouts = payouts;
        this.merchantNames = payouts.merchants().stream().collect(Collectors.toMap(Merchant::id, Merchant::name));
        merchantFilter.setId("payouts-merchant");
        merchantFilter.setItems(payouts.merchants());
        merchantFilter.setItemLabelGenerator(Merchant::name);
        merchantFilter.setClearButtonVisible(true);
        merchantFilter.addValueChangeListener(event -> grid.getDataProvider().refreshAll());
        stateFilter.setId("payouts-state");
        stateFilter.setItems(PayoutState.values());
        stateFilter.setItemLabelGenerator(PayoutLabels::state);
        stateFilter.setClearButtonVisible(true);
        stateFilter.addValueChangeListener(event -> grid.getDataProvider().refreshAll());

        grid.setId("payouts");
        grid.addColumn(payout -> PayoutLabels.time(payout.createdAt()))
                .setHeader("Requested (UTC)")
                .setAutoWidth(true);
        grid.addColumn(payout -> merchantNames.getOrDefault(payout.merchantId(), payout.merchantId()))
                .setHeader("Merchant");
        grid.addColumn(payout -> Msat.ofMsat(payout.amountMsat()).toBtcString())
                .setHeader("Amount (BTC)")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(payout -> PayoutLabels.state(payout.state()))
                .setKey("state")
                .setHeader("State");
        grid.addColumn(payout -> PayoutLabels.abbreviated(payout.destination())).setHeader("Destination");
        grid.addColumn(Payout::requestedBy).setHeader("Requested by");
        grid.addColumn(payout -> payout.failureDetail() == null ? "" : payout.failureDetail())
                .setHeader("Failure");
        grid.setItems(query ->
                payouts.list(merchantId(), stateFilter.getValue(), query.getOffset(), query.getLimit()).stream());
        grid.addItemClickListener(event ->
                getUI().ifPresent(ui -> ui.navigate("payouts/" + event.getItem().id())));

        HorizontalLayout toolbar = new HorizontalLayout(merchantFilter, stateFilter);
        toolbar.setAlignItems(Alignment.BASELINE);
        if (currentUser.get().map(staff -> staff.has(Role.FINANCE)).orElse(false)) {
            Button request =
                    new Button("Request payout", event -> new PayoutRequestDialog(payouts, this::opened).open());
            request.setId("payouts-request");
            request.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            toolbar.add(request);
        }
        add(
                new H2("Payouts"),
                new Paragraph("Money Flash owes merchants, on its way to them. A request reserves the amount at once;"
                        + " FINANCE approves it (two people above the high limit), then Flash pays it exactly once."),
                toolbar,
                grid);
        setSizeFull();
    }

    private String merchantId() {
        return merchantFilter.getValue() == null
                ? null
                : merchantFilter.getValue().id();
    }

    private void opened(Payout payout) {
        grid.getDataProvider().refreshAll();
        getUI().ifPresent(ui -> ui.navigate("payouts/" + payout.id()));
    }
}
