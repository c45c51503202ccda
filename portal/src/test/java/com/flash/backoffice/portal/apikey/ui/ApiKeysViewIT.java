package com.flash.backoffice.portal.apikey.ui;

import static com.flash.backoffice.db.jooq.Tables.API_KEY;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.flash.backoffice.db.apikey.ApiKey;
import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.apikey.CreatedApiKey;
import com.flash.backoffice.db.apikey.NewApiKey;
import com.flash.backoffice.db.audit.AuditEntry;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.api.PermissionChoice;
import com.flash.backoffice.portal.api.StorePermissions;
import com.flash.backoffice.portal.apikey.ApiKeyDraft;
import com.flash.backoffice.portal.apikey.ApiKeyService;
import com.flash.backoffice.portal.base.ui.AccessDeniedView;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.github.mvysny.kaributesting.v10.GridKt;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.datepicker.DatePicker;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.QueryParameters;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/** The API keys page as an ADMIN uses it, and the keys it makes as the Greenfield API sees them. */
@PortalSpringTest
class ApiKeysViewIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    WebApplicationContext web;

    @Autowired
    ApiKeyRepository repository;

    @Autowired
    ApiKeyService service;

    @Autowired
    MerchantRepository merchants;

    @Autowired
    AuditLogRepository auditLog;

    @Autowired
    DSLContext dsl;

    private MockMvc mvc;
    private Merchant store;

    @BeforeEach
    void setUp() {
        mvc = MockMvcBuilders.webAppContextSetup(web).apply(springSecurity()).build();
        store = merchants.create(NewMerchant.withDefaults("Keys shop " + System.nanoTime(), "BTC"));
    }

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    private void openCreateForm() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        UI.getCurrent().navigate("api-keys");
        _click(_get(Button.class, spec -> spec.withId("new-api-key")));
    }

    @SuppressWarnings("unchecked")
    private static CheckboxGroup<PermissionChoice> permissions() {
        return _get(CheckboxGroup.class, spec -> spec.withId("api-key-permissions"));
    }

    private static TextField label() {
        return _get(TextField.class, spec -> spec.withId("api-key-label"));
    }

    private static DatePicker validThrough() {
        return _get(DatePicker.class, spec -> spec.withId("api-key-valid-through"));
    }

    private static Set<PermissionChoice> choices(String... names) {
        return Set.of(names).stream()
                .map(name -> StorePermissions.offered(name).orElseThrow())
                .collect(Collectors.toSet());
    }

    @Test
    void bad_input_shows_field_messages_and_writes_nothing() {
        openCreateForm();
        int keysBefore = dsl.fetchCount(API_KEY);
        int auditBefore = auditLog.count(AuditQuery.all(0, 0));

        _setValue(label(), "   ");
        _setValue(validThrough(), LocalDate.now(ZoneOffset.UTC).minusDays(1));
        _click(_get(Button.class, spec -> spec.withId("api-key-save")));

        assertThat(label().getErrorMessage())
                .isEqualTo("Enter a label: the application or person that will use the key.");
        assertThat(permissions().getErrorMessage()).isEqualTo("Choose at least one permission.");
        assertThat(validThrough().getErrorMessage())
                .isEqualTo("The last valid day cannot be in the past: choose today or later.");
        assertThat(_find(Dialog.class, spec -> spec.withId("api-key-dialog"))).hasSize(1);
        assertThat(_find(Dialog.class, spec -> spec.withId("api-key-created"))).isEmpty();
        assertThat(dsl.fetchCount(API_KEY)).isEqualTo(keysBefore);
        assertThat(auditLog.count(AuditQuery.all(0, 0))).isEqualTo(auditBefore);
    }

    @Test
    void the_service_refuses_what_the_form_cannot_send_and_writes_nothing() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        int keysBefore = dsl.fetchCount(API_KEY);

        var unknownPermission =
                service.create(new ApiKeyDraft("x", null, Set.of("btcpay.server.canmodifyserversettings"), null));
        var unknownStore = service.create(
                new ApiKeyDraft("y".repeat(201), "no-such-store", Set.of(StorePermissions.VIEW_INVOICES), null));

        assertThat(unknownPermission.errors().values())
                .containsExactly("Not a permission Flash offers: btcpay.server.canmodifyserversettings");
        assertThat(unknownStore.errors().values())
                .containsExactlyInAnyOrder("At most 200 characters.", "No such store.");
        assertThat(dsl.fetchCount(API_KEY)).isEqualTo(keysBefore);
    }

    @Test
    void a_created_key_is_shown_once_listed_by_its_prefix_audited_without_it_and_works_until_revoked()
            throws Exception {
        openCreateForm();
        LocalDate lastDay = LocalDate.now(ZoneOffset.UTC).plusDays(30);

        _setValue(label(), "  Web shop  ");
        @SuppressWarnings("unchecked")
        ComboBox<Merchant> storeField = _get(ComboBox.class, spec -> spec.withId("api-key-store"));
        _setValue(storeField, merchants.findById(store.id()).orElseThrow());
        _setValue(permissions(), choices(StorePermissions.VIEW_INVOICES, StorePermissions.CREATE_INVOICE));
        _setValue(validThrough(), lastDay);
        _click(_get(Button.class, spec -> spec.withId("api-key-save")));

        String plaintext =
                _get(TextField.class, spec -> spec.withId("api-key-value")).getValue();
        assertThat(plaintext).matches("[0-9a-f]{64}");
        ApiKey stored = repository.findActiveByPlaintext(plaintext).orElseThrow();
        assertThat(stored.label()).isEqualTo("Web shop");
        assertThat(stored.merchantId()).isEqualTo(store.id());
        assertThat(stored.createdBy()).isEqualTo("admin");
        assertThat(stored.permissions())
                .containsExactly(StorePermissions.VIEW_INVOICES, StorePermissions.CREATE_INVOICE);
        assertThat(stored.expiresAt())
                .isEqualTo(lastDay.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));

        AuditEntry created = audited("apikey.create", stored.id());
        assertThat(created.actor()).isEqualTo("admin");
        assertThat(created.afterJson())
                .contains("Web shop", plaintext.substring(0, 8), StorePermissions.VIEW_INVOICES)
                .doesNotContain(plaintext);

        _click(_get(Button.class, spec -> spec.withId("api-key-done")));
        assertThat(_find(Dialog.class, spec -> spec.withId("api-key-created"))).isEmpty();
        Grid<ApiKey> grid = grid();
        int row = rowOf(grid, stored.id());
        assertThat(GridKt._getFormattedRow(grid, row))
                .contains(
                        plaintext.substring(0, 8) + "…", "Web shop", store.name(), "canviewinvoices, cancreateinvoice")
                .contains("admin", "never", "Active")
                .noneMatch(cell -> cell.contains(plaintext));

        callApi(plaintext).andExpect(status().isOk());
        assertThat(repository.findById(stored.id()).orElseThrow().lastUsedAt())
                .as("the first use is noted")
                .isNotNull();

        UI.getCurrent().navigate("dashboard");
        UI.getCurrent().navigate("api-keys");
        grid = grid();
        grid.select(grid.getListDataView()
                .getItems()
                .filter(key -> key.id().equals(stored.id()))
                .findFirst()
                .orElseThrow());
        assertThat(GridKt._getFormattedRow(grid, rowOf(grid, stored.id())))
                .doesNotContain("never")
                .contains("Active");
        _click(_get(Button.class, spec -> spec.withId("revoke-api-key")));
        _click(_get(Button.class, spec -> spec.withId("api-key-revoke-confirm")));

        callApi(plaintext)
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
        assertThat(audited("apikey.revoke", stored.id()).actor()).isEqualTo("admin");
        grid = grid();
        assertThat(GridKt._getFormattedRow(grid, rowOf(grid, stored.id())))
                .anyMatch(cell -> cell.startsWith("Revoked by admin at "));
        assertThat(_get(Button.class, spec -> spec.withId("revoke-api-key")).isEnabled())
                .isFalse();
    }

    @Test
    void an_expired_key_is_401_with_btcpays_body_and_listed_as_expired() throws Exception {
        CreatedApiKey expired = repository.create(new NewApiKey(
                "Old shop",
                store.id(),
                List.of(StorePermissions.VIEW_INVOICES),
                "admin",
                Instant.now().minusSeconds(1)));

        mvc.perform(get("/api/v1/stores/" + store.id() + "/invoices")
                        .header("Authorization", "token " + expired.plaintextKey()))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"))
                .andExpect(jsonPath("$.message").isNotEmpty());

        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        UI.getCurrent().navigate("api-keys");
        Grid<ApiKey> grid = grid();
        assertThat(GridKt._getFormattedRow(grid, rowOf(grid, expired.id()))).contains("Expired");
    }

    @ParameterizedTest
    @EnumSource(
            value = Role.class,
            names = {"FINANCE", "SUPPORT", "ACCOUNTANT", "MARKETING"})
    void only_an_admin_sees_or_makes_keys(Role role) {
        KaribuSpring.openAs(context, role.name().toLowerCase(), role);

        UI.getCurrent().navigate("api-keys");
        assertThat(_find(AccessDeniedView.class)).hasSize(1);
        UI.getCurrent()
                .navigate(
                        "api-keys/authorize",
                        QueryParameters.fromString("applicationName=x&permissions=btcpay.store.canviewinvoices"));
        assertThat(_find(AccessDeniedView.class)).hasSize(1);

        assertThatThrownBy(() -> service.keys()).isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(
                        () -> service.create(new ApiKeyDraft("x", null, Set.of(StorePermissions.VIEW_INVOICES), null)))
                .isInstanceOf(AuthorizationDeniedException.class);
        assertThatThrownBy(() -> service.revoke("any")).isInstanceOf(AuthorizationDeniedException.class);
    }

    /** A Greenfield call; the API's filter clears this thread's login, which the page test gets back after it. */
    private ResultActions callApi(String plaintextKey) throws Exception {
        SecurityContext login = SecurityContextHolder.getContext();
        try {
            return mvc.perform(
                    get("/api/v1/stores/" + store.id() + "/invoices").header("Authorization", "token " + plaintextKey));
        } finally {
            SecurityContextHolder.setContext(login);
        }
    }

    @SuppressWarnings("unchecked")
    private static Grid<ApiKey> grid() {
        return _get(Grid.class, spec -> spec.withId("api-key-grid"));
    }

    private static int rowOf(Grid<ApiKey> grid, String keyId) {
        List<ApiKey> rows = GridKt._fetch(grid, 0, GridKt._size(grid));
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).id().equals(keyId)) {
                return i;
            }
        }
        throw new AssertionError("key " + keyId + " is not listed");
    }

    private AuditEntry audited(String action, String keyId) {
        return auditLog.find(new AuditQuery(null, action, null, null, 0, 500)).stream()
                .filter(entry -> keyId.equals(entry.targetId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + action + " for " + keyId));
    }
}
