package com.flash.backoffice.portal.apikey.ui;

import com.flash.backoffice.db.apikey.CreatedApiKey;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.portal.api.PermissionChoice;
import com.flash.backoffice.portal.api.StorePermissions;
import com.flash.backoffice.portal.apikey.ApiKeyCreateResult;
import com.flash.backoffice.portal.apikey.ApiKeyDraft;
import com.flash.backoffice.portal.apikey.ApiKeyField;
import com.flash.backoffice.portal.apikey.ApiKeyService;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.textfield.TextField;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Create a key: label, one store or all, BTCPay permissions picked from the list, an optional last valid day. */
class ApiKeyCreateDialog extends Dialog {

    private final ApiKeyService keys;
    private final Consumer<CreatedApiKey> onCreated;
    final TextField label = new TextField("Label");
    final ComboBox<Merchant> store = new ComboBox<>("Store");
    final CheckboxGroup<PermissionChoice> permissions = new CheckboxGroup<>("Permissions");
    final DatePicker validThrough = new DatePicker("Valid through (UTC)");
    private final Map<ApiKeyField, HasValidation> fields = new EnumMap<>(ApiKeyField.class);

    ApiKeyCreateDialog(ApiKeyService keys, Consumer<CreatedApiKey> onCreated) {
        this.keys = keys;
        this.onCreated = onCreated;
        setId("api-key-dialog");
        setHeaderTitle("New API key");
        label.setId("api-key-label");
        label.setPlaceholder("Web shop, POS terminal, accounting export…");
        label.setMaxLength(200);
        store.setId("api-key-store");
        store.setItems(
                query -> keys.stores(query.getFilter().orElse(null), query.getOffset(), query.getLimit()).stream());
        store.setItemLabelGenerator(Merchant::name);
        store.setPlaceholder("All stores");
        store.setHelperText("Leave empty for a key that works on every store.");
        store.setClearButtonVisible(true);
        permissions.setId("api-key-permissions");
        permissions.setItems(StorePermissions.OFFERED);
        permissions.setItemLabelGenerator(choice -> choice.title() + " · " + choice.name());
        permissions.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        validThrough.setId("api-key-valid-through");
        validThrough.setMin(LocalDate.now(ZoneOffset.UTC));
        validThrough.setHelperText("Leave empty for a key that does not expire.");
        validThrough.setClearButtonVisible(true);
        fields.put(ApiKeyField.LABEL, label);
        fields.put(ApiKeyField.STORE, store);
        fields.put(ApiKeyField.PERMISSIONS, permissions);
        fields.put(ApiKeyField.EXPIRY, validThrough);

        FormLayout form = new FormLayout(label, store, validThrough, permissions);
        form.setColspan(permissions, 2);
        add(form);
        Button save = new Button("Create key", click -> save());
        save.setId("api-key-save");
        save.addThemeVariants(ButtonVariant.PRIMARY);
        Button close = new Button("Close", click -> close());
        getFooter().add(close, save);
        setWidth("48rem");
    }

    private void save() {
        fields.values().forEach(field -> field.setInvalid(false));
        ApiKeyCreateResult result = keys.create(new ApiKeyDraft(
                label.getValue(),
                store.getValue() == null ? null : store.getValue().id(),
                permissions.getValue().stream().map(PermissionChoice::name).collect(Collectors.toSet()),
                validThrough.getValue()));
        if (result.ok()) {
            close();
            onCreated.accept(result.key());
            return;
        }
        result.errors().forEach((field, message) -> {
            HasValidation component = fields.get(field);
            component.setErrorMessage(message);
            component.setInvalid(true);
        });
    }
}
