package com.flash.backoffice.portal.merchant.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.portal.merchant.MerchantService;
import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;

@Route("merchants")
@PageTitle("Merchants · Flash")
@Menu(order = 1, icon = "vaadin:shop", title = "Merchants")
@RolesAllowed({StaffRoles.ADMIN, StaffRoles.FINANCE, StaffRoles.SUPPORT})
class MerchantsView extends VerticalLayout {

    private final MerchantService merchants;
    private final boolean canEdit;
    private final boolean canEditPayoutSettings;
    private final Grid<Merchant> grid = new Grid<>();
    private final TextField nameFilter = new TextField();

    MerchantsView(MerchantService merchants, CurrentUser currentUser) {
        this.merchants = merchants;
        this.canEdit = currentUser.get().map(staff -> staff.has(Role.ADMIN)).orElse(false);
        this.canEditPayoutSettings = currentUser
                .get()
                .map(staff -> staff.has(Role.ADMIN) || staff.has(Role.FINANCE))
                .orElse(false);
        setSizeFull();

        nameFilter.setId("merchant-filter");
        nameFilter.setPlaceholder("Filter by name");
        nameFilter.setValueChangeMode(ValueChangeMode.LAZY);
        nameFilter.addValueChangeListener(change -> grid.getDataProvider().refreshAll());
        Button create = new Button("New merchant", click -> openEditor(null));
        create.setId("new-merchant");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        create.setVisible(canEdit);

        configureGrid();
        add(new H2("Merchants"), new HorizontalLayout(nameFilter, create), grid);
    }

    private void configureGrid() {
        grid.setId("merchant-grid");
        grid.addColumn(Merchant::name).setHeader("Name").setAutoWidth(true);
        grid.addColumn(Merchant::id).setHeader("Store id").setAutoWidth(true);
        grid.addColumn(Merchant::defaultCurrency).setHeader("Currency");
        grid.addColumn(m -> m.speedPolicy().name()).setHeader("Speed policy");
        grid.addColumn(m -> m.processingFeePct().toPlainString() + " %").setHeader("Fee");
        grid.addColumn(m -> m.derivationScheme() == null ? "—" : "watch-only key set")
                .setHeader("On-chain");
        grid.setItems(query -> merchants.list(query.getOffset(), query.getLimit(), nameFilter.getValue()).stream());
        grid.addComponentColumn(merchant -> {
                    Button payButton =
                            new Button("Pay button", click -> new PayButtonDialog(merchants, merchant, canEdit).open());
                    payButton.setId("pay-button-" + merchant.id());
                    payButton.addThemeVariants(ButtonVariant.TERTIARY);
                    return payButton;
                })
                .setKey("payButton")
                .setHeader("");
        grid.addItemClickListener(click -> openEditor(click.getItem()));
    }

    private void openEditor(Merchant merchant) {
        MerchantEditor editor = new MerchantEditor(
                merchants,
                merchant,
                !canEdit,
                canEditPayoutSettings,
                saved -> grid.getDataProvider().refreshAll());
        editor.open();
    }
}
