package com.flash.backoffice.portal.apikey.ui;

import com.flash.backoffice.db.apikey.ApiKey;
import com.flash.backoffice.db.apikey.RevokeResult;
import com.flash.backoffice.portal.apikey.ApiKeyService;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.Menu;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Route("api-keys")
@PageTitle("API keys · Flash")
@Menu(order = 8.5, icon = "vaadin:key-o", title = "API keys")
@RolesAllowed(StaffRoles.ADMIN)
class ApiKeysView extends VerticalLayout {

    private static final DateTimeFormatter WHEN =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private final ApiKeyService keys;
    final Grid<ApiKey> grid = new Grid<>();
    final Button revoke = new Button("Revoke");
    private Map<String, String> storeNames = Map.of();

    ApiKeysView(ApiKeyService keys) {
        this.keys = keys;
        add(
                new H2("API keys"),
                new Paragraph("Keys for the Greenfield API (BTCPay's permission names). A key is shown once, when"
                        + " it is created; the list shows its first 8 characters. Applications can also ask for a"
                        + " key through /api-keys/authorize, which an admin approves."),
                actions());
        configureGrid();
        add(grid);
        refresh();
    }

    private HorizontalLayout actions() {
        Button create = new Button(
                "New API key",
                click -> new ApiKeyCreateDialog(keys, created -> new KeyShownOnceDialog(created, this::refresh).open())
                        .open());
        create.setId("new-api-key");
        create.addThemeVariants(ButtonVariant.PRIMARY);
        revoke.setId("revoke-api-key");
        revoke.addThemeVariants(ButtonVariant.ERROR);
        revoke.addClickListener(
                click -> grid.getSelectedItems().stream().findFirst().ifPresent(this::confirmRevoke));
        grid.addSelectionListener(selection -> revoke.setEnabled(selection
                .getFirstSelectedItem()
                .map(key -> key.revokedAt() == null)
                .orElse(false)));
        return new HorizontalLayout(create, revoke);
    }

    private void configureGrid() {
        grid.setId("api-key-grid");
        grid.addColumn(key -> key.keyPrefix() + "…").setHeader("Key").setKey("prefix");
        grid.addColumn(ApiKey::label).setHeader("Label").setKey("label").setFlexGrow(2);
        grid.addColumn(key -> key.merchantId() == null
                        ? "All stores"
                        : storeNames.getOrDefault(key.merchantId(), key.merchantId()))
                .setHeader("Store")
                .setKey("store");
        grid.addColumn(key -> permissions(key))
                .setHeader("Permissions")
                .setKey("permissions")
                .setFlexGrow(3);
        grid.addColumn(ApiKey::createdBy).setHeader("Created by").setKey("created-by");
        grid.addColumn(key -> WHEN.format(key.createdAt())).setHeader("Created").setKey("created");
        grid.addColumn(key -> key.lastUsedAt() == null ? "never" : WHEN.format(key.lastUsedAt()))
                .setHeader("Last used")
                .setKey("last-used");
        grid.addColumn(key -> key.expiresAt() == null ? "never" : WHEN.format(key.expiresAt()))
                .setHeader("Expires")
                .setKey("expires");
        grid.addColumn(key -> status(key, Instant.now())).setHeader("Status").setKey("status");
        grid.setAllRowsVisible(true);
    }

    private void confirmRevoke(ApiKey key) {
        Dialog confirm = new Dialog();
        confirm.setId("api-key-revoke-dialog");
        confirm.setHeaderTitle("Revoke this key?");
        confirm.add(new Paragraph("Any application using '" + key.label() + "' (" + key.keyPrefix()
                + "…) loses access at once: its requests get 401. This cannot be undone."));
        Button yes = new Button("Revoke key", click -> {
            RevokeResult result = keys.revoke(key.id());
            confirm.close();
            Notification.show(
                    switch (result) {
                        case REVOKED -> "Key revoked.";
                        case ALREADY_REVOKED -> "This key was revoked already.";
                        case NOT_FOUND -> "This key no longer exists.";
                    });
            refresh();
        });
        yes.setId("api-key-revoke-confirm");
        yes.addThemeVariants(ButtonVariant.ERROR, ButtonVariant.PRIMARY);
        Button keep = new Button("Keep it", click -> confirm.close());
        keep.setId("api-key-revoke-keep");
        confirm.getFooter().add(keep, yes);
        confirm.open();
    }

    private void refresh() {
        List<ApiKey> listed = keys.keys();
        storeNames = keys.storeNames(listed);
        grid.setItems(listed);
        revoke.setEnabled(false);
    }

    static String permissions(ApiKey key) {
        return key.permissions().stream()
                .map(name -> name.startsWith("btcpay.store.") ? name.substring("btcpay.store.".length()) : name)
                .collect(Collectors.joining(", "));
    }

    static String status(ApiKey key, Instant now) {
        if (key.revokedAt() != null) {
            String when = WHEN.format(key.revokedAt().truncatedTo(ChronoUnit.MINUTES));
            return key.revokedBy() == null ? "Revoked at " + when : "Revoked by " + key.revokedBy() + " at " + when;
        }
        return key.isExpired(now) ? "Expired" : "Active";
    }
}
