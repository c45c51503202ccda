package com.flash.backoffice.portal.rate.ui;

import com.flash.backoffice.db.rate.ExchangeRate;
import com.flash.backoffice.portal.rate.ManualRateResult;
import com.flash.backoffice.portal.rate.RateService;
import com.flash.backoffice.portal.rate.RateSourceRow;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

@Route("rates")
@PageTitle("Exchange rates · Flash")
@Menu(order = 3, icon = "vaadin:exchange", title = "Exchange rates")
@RolesAllowed({StaffRoles.FINANCE, StaffRoles.ADMIN})
class RatesView extends VerticalLayout {

    private final RateService rates;
    private final Grid<ExchangeRate> grid = new Grid<>();
    private final Grid<RateSourceRow> sources = new Grid<>();

    RatesView(RateService rates, CurrentUser currentUser) {
        this.rates = rates;
        add(
                new H2("Exchange rates"),
                new Paragraph("Invoices priced in fiat convert at the rate current when they are created. Rates are"
                        + " fetched from the sources below (the median of those that answer); a fiat invoice is refused"
                        + " when the newest rate is older than " + minutes(rates.maxAge()) + "."));
        if (rates.simulated()) {
            Span simulated = new Span("SIMULATED RATES · development only, not market prices");
            simulated.setId("simulated-rates-notice");
            simulated.getElement().getThemeList().add("badge error primary");
            add(simulated);
        }
        if (currentUser.get().map(staff -> staff.has(Role.FINANCE)).orElse(false)) {
            add(editor());
        }
        grid.setId("rate-grid");
        grid.addColumn(ExchangeRate::currency).setHeader("Currency");
        grid.addColumn(rate -> plain(rate.btcPrice()))
                .setHeader("Price of 1 BTC")
                .setTextAlign(ColumnTextAlign.END);
        grid.addColumn(ExchangeRate::source).setHeader("Source");
        grid.addColumn(rate -> age(rate.setAt())).setHeader("Age");
        grid.addColumn(ExchangeRate::setBy).setHeader("Set by");
        grid.addColumn(rate -> rate.reason() == null ? "" : rate.reason()).setHeader("Reason");
        grid.setAllRowsVisible(true);
        sources.setId("rate-source-grid");
        sources.addColumn(RateSourceRow::currency).setHeader("Currency");
        sources.addColumn(RateSourceRow::source).setHeader("Source");
        sources.addColumn(RateSourceRow::role).setHeader("Order");
        sources.addColumn(row -> plain(row.lastValue())).setHeader("Last value").setTextAlign(ColumnTextAlign.END);
        sources.addColumn(row -> age(row.lastSuccessAt())).setHeader("Age");
        sources.addColumn(row -> age(row.lastFailureAt())).setHeader("Last failure");
        sources.addColumn(row -> row.failureCount()
                        + (row.consecutiveFailures() > 0 ? " (" + row.consecutiveFailures() + " in a row)" : ""))
                .setHeader("Failures");
        sources.addColumn(row -> row.lastError() == null ? "" : row.lastError()).setHeader("Last error");
        sources.setAllRowsVisible(true);
        add(grid, new H3("Sources"), sources);
        refresh();
    }

    private VerticalLayout editor() {
        TextField currency = new TextField("Currency");
        currency.setId("rate-currency");
        currency.setPlaceholder("USD");
        BigDecimalField price = new BigDecimalField("Price of 1 BTC");
        price.setId("rate-price");
        TextField reason = new TextField("Reason");
        reason.setId("rate-reason");
        reason.setPlaceholder("why by hand");
        reason.setMinWidth("20em");
        Checkbox confirm = new Checkbox("Set it although it deviates from the sources");
        confirm.setId("rate-confirm-deviation");
        confirm.setVisible(false);
        price.addValueChangeListener(change -> {
            confirm.setValue(false);
            confirm.setVisible(false);
        });
        Button save = new Button("Set rate", click -> {
            currency.setInvalid(false);
            price.setInvalid(false);
            reason.setInvalid(false);
            ManualRateResult result =
                    rates.set(currency.getValue(), price.getValue(), reason.getValue(), confirm.getValue());
            switch (result) {
                case ManualRateResult.Saved saved -> {
                    confirm.setValue(false);
                    confirm.setVisible(false);
                    reason.clear();
                    Notification.show("Rate saved.");
                    refresh();
                }
                case ManualRateResult.Invalid invalid -> {
                    HasValidation field = switch (invalid.field()) {
                        case "currency" -> currency;
                        case "reason" -> reason;
                        default -> price;
                    };
                    field.setErrorMessage(invalid.message());
                    field.setInvalid(true);
                }
                case ManualRateResult.NeedsConfirmation needs -> {
                    price.setErrorMessage(needs.message());
                    price.setInvalid(true);
                    confirm.setVisible(true);
                }
            }
        });
        save.setId("rate-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        HorizontalLayout fields = new HorizontalLayout(currency, price, reason, save);
        fields.setAlignItems(FlexComponent.Alignment.BASELINE);
        VerticalLayout editor = new VerticalLayout(fields, confirm);
        editor.setPadding(false);
        return editor;
    }

    private void refresh() {
        grid.setItems(rates.currentRates());
        sources.setItems(rates.sources());
    }

    private static String age(Instant at) {
        if (at == null) {
            return "never";
        }
        Duration age = Duration.between(at, Instant.now());
        if (age.toMinutes() < 1) {
            return Math.max(age.toSeconds(), 0) + " s ago";
        }
        if (age.toHours() < 1) {
            return age.toMinutes() + " min ago";
        }
        return at.truncatedTo(ChronoUnit.MINUTES) + " (" + age.toHours() + " h ago)";
    }

    private static String plain(BigDecimal value) {
        return value == null ? "" : value.stripTrailingZeros().toPlainString();
    }

    private static String minutes(Duration duration) {
        return duration.toMinutes() + " minutes";
    }
}
