package com.flash.backoffice.portal.apikey.ui;

import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.portal.api.PermissionChoice;
import com.flash.backoffice.portal.api.StorePermissions;
import com.flash.backoffice.portal.apikey.ApiKeyField;
import com.flash.backoffice.portal.apikey.ApiKeyService;
import com.flash.backoffice.portal.apikey.AuthorizationRequest;
import com.flash.backoffice.portal.apikey.AuthorizationResult;
import com.flash.backoffice.portal.security.StaffRoles;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.checkbox.CheckboxGroupVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import jakarta.annotation.security.RolesAllowed;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * BTCPay's authorize page: an application sends the admin here with what it wants; the admin approves, and the new
 * key is POSTed back to the application's {@code redirect} as {@code apiKey}, {@code userId} and
 * {@code permissions[]} (or shown once when there is no redirect). Nothing is created before the admin approves.
 */
@Route("api-keys/authorize")
@PageTitle("Authorize an application · Flash")
@RolesAllowed(StaffRoles.ADMIN)
class AuthorizeApiKeyView extends VerticalLayout implements BeforeEnterObserver {

    private final ApiKeyService keys;
    final CheckboxGroup<PermissionChoice> permissions = new CheckboxGroup<>("Permissions");
    final ComboBox<Merchant> store = new ComboBox<>("Store");
    final Button approve = new Button("Authorize app");
    private final Map<ApiKeyField, HasValidation> fields = new EnumMap<>(ApiKeyField.class);
    private AuthorizationRequest request;

    AuthorizeApiKeyView(ApiKeyService keys) {
        this.keys = keys;
        fields.put(ApiKeyField.PERMISSIONS, permissions);
        fields.put(ApiKeyField.STORE, store);
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        request = AuthorizationRequest.parse(
                event.getLocation().getQueryParameters().getParameters());
        removeAll();
        String application = request.applicationName() == null ? "An application" : request.applicationName();
        H2 title = new H2("Authorize " + application);
        title.setId("authorize-title");
        add(title, new Paragraph(application + " asks for an API key for the Greenfield API."));
        addPermissions();
        if (request.selectiveStores()) {
            addStoreChoice();
        }
        Paragraph destination = new Paragraph(
                request.redirect() == null
                        ? "The key will be shown to you once, here."
                        : "On approval the key is sent to " + request.redirect() + ".");
        destination.setId("authorize-destination");
        add(destination);
        if (request.refusedRedirect() != null) {
            Paragraph refused = new Paragraph("The return address '" + request.refusedRedirect()
                    + "' is not an absolute http(s) address, so the key is not sent there.");
            refused.setId("authorize-refused-redirect");
            add(refused);
        }
        approve.setId("authorize-approve");
        approve.addThemeVariants(ButtonVariant.PRIMARY);
        approve.addClickListener(click -> approve());
        Button cancel = new Button("Cancel", click -> UI.getCurrent().navigate("api-keys"));
        cancel.setId("authorize-cancel");
        add(new HorizontalLayout(approve, cancel));
    }

    private void addPermissions() {
        permissions.setId("authorize-permissions");
        permissions.addThemeVariants(CheckboxGroupVariant.LUMO_VERTICAL);
        permissions.setItemLabelGenerator(choice -> choice.title() + " · " + choice.name());
        List<PermissionChoice> requested = StorePermissions.OFFERED.stream()
                .filter(choice -> request.permissions().contains(choice.name()))
                .toList();
        permissions.setItems(request.strict() ? requested : StorePermissions.OFFERED);
        permissions.setValue(Set.copyOf(requested));
        permissions.setReadOnly(request.strict());
        permissions.setHelperText(
                request.strict()
                        ? "The application needs exactly these permissions."
                        : "The application asks for the ticked ones; you may change them.");
        add(permissions);
        if (!request.ignored().isEmpty()) {
            Paragraph ignored = new Paragraph(
                    "Asked for but not offered by Flash, so not granted: " + String.join(", ", request.ignored()));
            ignored.setId("authorize-ignored");
            add(ignored);
        }
    }

    private void addStoreChoice() {
        store.setId("authorize-store");
        store.setItems(
                query -> keys.stores(query.getFilter().orElse(null), query.getOffset(), query.getLimit()).stream());
        store.setItemLabelGenerator(Merchant::name);
        store.setHelperText("The key works on this store only.");
        if (request.requestedStoreId() != null) {
            keys.store(request.requestedStoreId()).ifPresent(store::setValue);
        }
        add(store);
    }

    private void approve() {
        fields.values().forEach(field -> field.setInvalid(false));
        AuthorizationResult result = keys.authorize(
                request,
                permissions.getValue().stream().map(PermissionChoice::name).collect(Collectors.toSet()),
                store.getValue() == null ? null : store.getValue().id());
        if (!result.ok()) {
            result.errors().forEach((field, message) -> {
                HasValidation component = fields.get(field);
                component.setErrorMessage(message);
                component.setInvalid(true);
            });
            return;
        }
        approve.setEnabled(false);
        if (result.redirect() == null) {
            new KeyShownOnceDialog(result.key(), () -> UI.getCurrent().navigate("api-keys")).open();
            return;
        }
        Paragraph sending = new Paragraph("Key created. Sending it to " + result.redirect() + "…");
        sending.setId("authorize-sending");
        add(sending);
        Element form = postBack(result);
        getElement().appendChild(form);
        form.executeJs("this.submit()");
    }

    /** BTCPay's post-redirect: a form the browser submits to the application, so the key never crosses a URL. */
    static Element postBack(AuthorizationResult result) {
        Element form = new Element("form");
        form.setAttribute("id", "authorize-post");
        form.setAttribute("method", "post");
        form.setAttribute("action", result.redirect().toString());
        form.appendChild(hidden("apiKey", result.key().plaintextKey()));
        form.appendChild(hidden("userId", result.userId()));
        result.permissions().forEach(permission -> form.appendChild(hidden("permissions[]", permission)));
        return form;
    }

    private static Element hidden(String name, String value) {
        Element input = new Element("input");
        input.setAttribute("type", "hidden");
        input.setAttribute("name", name);
        input.setAttribute("value", value);
        return input;
    }
}
