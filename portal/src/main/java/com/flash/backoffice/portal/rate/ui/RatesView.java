package com.flash.backoffice.portal.rate.ui;

import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.portal.rate.RateService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.BigDecimalField;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

@Route("rates")
@PageTitle("Exchange rates · Flash")
@Menu(order = 3, icon = "vaadin:exchange", title = "Exchange rates")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.ADMIN})
class RatesView extends VerticalLayout {

    private final RateService rates;
    private final Grid<ExchangeRate> grid = new Grid<>();

    RatesView(RateService rates, CurrentUser currentUser) {
        this.rates = rates;
        grid.setId("rate-grid");
        grid.addColumn(ExchangeRate::currency).setHeader("Currency");
        grid.addColumn(rate -> rate.btcPrice().toPlainString())
                .setHeader("Price of 1 BTC")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(ExchangeRate::setBy).setHeader("Set by");
        grid.addColumn(ExchangeRate::setAt).setHeader("Set at (UTC)");
        grid.setAllRowsVisible(true);
        add(
                new H2("Exchange rates"),
                new Paragraph("Invoices priced in fiat convert at the rate current when they are created."));
        if (currentUser.get().map(staff -> staff.has(Role.FINANCE)).orElse(false)) {
            add(editor());
        }
        add(grid);
        refresh();
    }

    private HorizontalLayout editor() {
        TextField currency = new TextField("Currency");
        currency.setId("rate-currency");
        currency.setPlaceholder("USD");
        BigDecimalField price = new BigDecimalField("Price of 1 BTC");
        price.setId("rate-price");
        Button save = new Button(
                "Set rate",
                click -> rates.set(currency.getValue(), price.getValue())
                        .ifPresentOrElse(
                                message -> {
                                    price.setErrorMessage(message);
                                    price.setInvalid(true);
                                },
                                () -> {
                                    price.setInvalid(false);
                                    Notification.show("Rate saved.");
                                    refresh();
                                }));
        save.setId("rate-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        HorizontalLayout editor = new HorizontalLayout(currency, price, save);
        editor.setAlignItems(FlexComponent.Alignment.BASELINE);
        return editor;
    }

    private void refresh() {
        grid.setItems(rates.currentRates());
    }
}
