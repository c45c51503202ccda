package com.flash.backoffice.portal.invoice.ui;

import com.flash.backoffice.db.invoice.Invoice;
import com.flash.backoffice.db.invoice.InvoiceQuery;
import com.flash.backoffice.db.invoice.InvoiceStatus;
import com.flash.backoffice.portal.invoice.InvoiceService;
import com.flash.backoffice.portal.invoice.InvoiceService.MerchantChoice;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.combobox.MultiSelectComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.grid.ColumnTextAlign;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import jakarta.annotation.security.RolesAllowed;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumSet;

@Route("invoices")
@PageTitle("Invoices · Flash")
@Menu(order = 2, icon = "vaadin:invoice", title = "Invoices")
@RolesAllowed({StaffRoles.ADMIN, StaffRoles.FINANCE, StaffRoles.SUPPORT, StaffRoles.ACCOUNTANT})
class InvoicesView extends VerticalLayout {

    private final InvoiceService invoices;
    final ComboBox<MerchantChoice> merchant = new ComboBox<>();
    final MultiSelectComboBox<InvoiceStatus> status = new MultiSelectComboBox<>();
    final DatePicker from = new DatePicker();
    final DatePicker to = new DatePicker();
    final TextField text = new TextField();
    final Grid<Invoice> grid = new Grid<>();

    InvoicesView(InvoiceService invoices, CurrentUser currentUser) {
        this.invoices = invoices;
        setSizeFull();
        configureFilters();
        configureGrid();
        Button create = new Button(
                "New invoice",
                click -> new InvoiceCreateDialog(
                                invoices,
                                created -> getUI().ifPresent(ui ->
                                        ui.navigate(InvoiceDetailView.class, new RouteParameters("id", created.id()))))
                        .open());
        create.setId("new-invoice");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.setVisible(currentUser
                .get()
                .map(staff -> staff.has(Role.ADMIN) || staff.has(Role.FINANCE) || staff.has(Role.SUPPORT))
                .orElse(false));
        HorizontalLayout filters = new HorizontalLayout(merchant, status, from, to, text, create);
        filters.setAlignItems(FlexComponent.Alignment.BASELINE);
        filters.setWrap(true);
        add(new H2("Invoices"), filters, grid);
    }

    private void configureFilters() {
        merchant.setId("invoice-merchant-filter");
        merchant.setPlaceholder("Merchant");
        merchant.setItems(invoices.merchantChoices());
        merchant.setItemLabelGenerator(MerchantChoice::name);
        merchant.setClearButtonVisible(true);
        status.setId("invoice-status-filter");
        status.setPlaceholder("Status");
        status.setItems(EnumSet.allOf(InvoiceStatus.class));
        status.setItemLabelGenerator(InvoiceStatus::btcpayName);
        from.setPlaceholder("From");
        to.setPlaceholder("To (inclusive)");
        text.setId("invoice-text-filter");
        text.setPlaceholder("Invoice id or order id");
        text.setValueChangeMode(ValueChangeMode.LAZY);
        merchant.addValueChangeListener(change -> refresh());
        status.addValueChangeListener(change -> refresh());
        from.addValueChangeListener(change -> refresh());
        to.addValueChangeListener(change -> refresh());
        text.addValueChangeListener(change -> refresh());
    }

    private void configureGrid() {
        grid.setId("invoice-grid");
        grid.addColumn(Invoice::createdAt).setHeader("Created (UTC)").setAutoWidth(true);
        grid.addColumn(Invoice::id).setHeader("Invoice").setAutoWidth(true);
        grid.addColumn(invoice -> invoice.orderId() == null ? "" : invoice.orderId())
                .setHeader("Order");
        grid.addColumn(invoice -> invoice.status().btcpayName()).setHeader("Status");
        grid.addColumn(invoice -> invoice.additionalStatus().btcpayName()).setHeader("Additional");
        grid.addColumn(invoice -> invoice.needsAttention() ? "Needs attention" : "")
                .setHeader("Attention")
                .setAutoWidth(true);
        grid.addColumn(InvoiceFormat::amount).setHeader("Amount").setTextAlign(ColumnTextAlign.END);
        grid.addColumn(invoice -> InvoiceFormat.btc(invoice.paidMsat()))
                .setHeader("Paid (BTC)")
                .setTextAlign(ColumnTextAlign.END);
        // No count: an exact COUNT(*) reads every matching row (the whole table unfiltered); the grid grows as
        // it is scrolled instead (undefined size), and each page is an index read.
        grid.setItems(query -> invoices.list(query(query.getOffset(), query.getLimit())).stream());
        grid.addItemClickListener(click -> getUI().ifPresent(ui -> ui.navigate(
                InvoiceDetailView.class,
                new RouteParameters("id", click.getItem().id()))));
    }

    private InvoiceQuery query(int offset, int limit) {
        return new InvoiceQuery(
                merchant.getValue() == null ? null : merchant.getValue().id(),
                status.getValue(),
                from.getValue() == null
                        ? null
                        : from.getValue().atStartOfDay(ZoneOffset.UTC).toInstant(),
                to.getValue() == null ? null : endOfDay(to.getValue()),
                text.getValue().isBlank() ? null : text.getValue().strip(),
                offset,
                limit);
    }

    private static java.time.Instant endOfDay(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    void refresh() {
        grid.getDataProvider().refreshAll();
    }
}
