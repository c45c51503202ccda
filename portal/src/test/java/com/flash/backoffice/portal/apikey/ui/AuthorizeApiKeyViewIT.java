package com.flash.backoffice.portal.apikey.ui;

import static com.flash.backoffice.db.jooq.Tables.API_KEY;
import static com.github.mvysny.kaributesting.v10.LocatorJ._click;
import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static com.github.mvysny.kaributesting.v10.LocatorJ._setValue;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.db.apikey.ApiKey;
import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.audit.AuditLogRepository;
import com.flash.backoffice.db.audit.AuditQuery;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.api.PermissionChoice;
import com.flash.backoffice.portal.api.StorePermissions;
import com.flash.backoffice.portal.apikey.ApiKeyService;
import com.flash.backoffice.portal.apikey.AuthorizationRequest;
import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.checkbox.CheckboxGroup;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.QueryParameters;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** BTCPay's authorize flow as an ADMIN sees it: strict, editable and store-bound requests, with and without redirect. */
@PortalSpringTest
class AuthorizeApiKeyViewIT {

    static final String VIEW = StorePermissions.VIEW_INVOICES;
    static final String CREATE = StorePermissions.CREATE_INVOICE;

    @Autowired
    ApplicationContext context;

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

    private Merchant store;

    @BeforeEach
    void open() {
        store = merchants.create(NewMerchant.withDefaults("Authorize shop " + System.nanoTime(), "BTC"));
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
    }

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    private static void navigate(String query) {
        UI.getCurrent().navigate("api-keys/authorize", QueryParameters.fromString(query));
    }

    private static String encoded(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static CheckboxGroup<PermissionChoice> permissions() {
        return _get(CheckboxGroup.class, spec -> spec.withId("authorize-permissions"));
    }

    private static Set<String> names(Set<PermissionChoice> choices) {
        return choices.stream().map(PermissionChoice::name).collect(Collectors.toSet());
    }

    private static String text(String id) {
        return _get(Paragraph.class, spec -> spec.withId(id)).getText();
    }

    @Test
    void a_strict_request_shows_what_is_asked_creates_nothing_until_approved_then_posts_the_key_back() {
        int keysBefore = dsl.fetchCount(API_KEY);

        navigate("applicationName=" + encoded("Woo shop") + "&permissions=" + VIEW
                + "&permissions[]=btcpay.server.canmodifyserversettings&redirect="
                + encoded("https://shop.example/btcpay/keys"));

        assertThat(_get(H2.class, spec -> spec.withId("authorize-title")).getText())
                .isEqualTo("Authorize Woo shop");
        assertThat(names(permissions().getValue())).containsExactly(VIEW);
        assertThat(permissions().isReadOnly()).as("strict is BTCPay's default").isTrue();
        assertThat(text("authorize-ignored")).endsWith("btcpay.server.canmodifyserversettings");
        assertThat(text("authorize-destination")).contains("https://shop.example/btcpay/keys");
        assertThat(dsl.fetchCount(API_KEY)).as("nothing before approval").isEqualTo(keysBefore);

        _click(_get(Button.class, spec -> spec.withId("authorize-approve")));

        Element form = postForm();
        assertThat(form.getAttribute("method")).isEqualTo("post");
        assertThat(form.getAttribute("action")).isEqualTo("https://shop.example/btcpay/keys");
        Map<String, List<String>> posted = fields(form);
        assertThat(posted.get("userId")).containsExactly("admin");
        assertThat(posted.get("permissions[]")).containsExactly(VIEW);
        ApiKey key =
                repository.findActiveByPlaintext(posted.get("apiKey").get(0)).orElseThrow();
        assertThat(key.label()).isEqualTo("Woo shop");
        assertThat(key.merchantId()).isNull();
        assertThat(key.permissions()).containsExactly(VIEW);
        assertThat(_get(Button.class, spec -> spec.withId("authorize-approve")).isEnabled())
                .isFalse();
        String audit = auditLog.find(new AuditQuery("admin", "apikey.authorize", null, null, 0, 500)).stream()
                .filter(entry -> key.id().equals(entry.targetId()))
                .findFirst()
                .orElseThrow()
                .afterJson();
        assertThat(audit)
                .contains("shop.example", "Woo shop")
                .doesNotContain(posted.get("apiKey").get(0));
    }

    @Test
    void a_strict_request_cannot_be_approved_with_other_permissions() {
        AuthorizationRequest strict =
                AuthorizationRequest.parse(Map.of("permissions", List.of(VIEW), "applicationName", List.of("App")));
        int keysBefore = dsl.fetchCount(API_KEY);

        var result = service.authorize(strict, Set.of(VIEW, CREATE), null);

        assertThat(result.ok()).isFalse();
        assertThat(result.errors().values())
                .containsExactly(
                        "This application asks for exactly the permissions listed: approve them all or cancel.");
        assertThat(dsl.fetchCount(API_KEY)).isEqualTo(keysBefore);
    }

    @Test
    void a_non_strict_request_lets_the_admin_change_the_permissions() {
        navigate("applicationName=POS&strict=false&permissions=" + VIEW + "&redirect="
                + encoded("http://127.0.0.1:9/keys"));

        assertThat(permissions().isReadOnly()).isFalse();
        assertThat(permissions().getListDataView().getItemCount()).isEqualTo(StorePermissions.OFFERED.size());
        _setValue(permissions(), Set.of(offered(VIEW), offered(CREATE)));
        _click(_get(Button.class, spec -> spec.withId("authorize-approve")));

        Map<String, List<String>> posted = fields(postForm());
        assertThat(posted.get("permissions[]")).containsExactly(VIEW, CREATE);
        assertThat(repository
                        .findActiveByPlaintext(posted.get("apiKey").get(0))
                        .orElseThrow()
                        .permissions())
                .containsExactly(VIEW, CREATE);
    }

    @Test
    void selective_stores_needs_a_store_and_scopes_the_key_to_it() {
        navigate("applicationName=Plugin&selectiveStores=true&permissions=" + VIEW + "&permissions=" + CREATE
                + "&redirect=" + encoded("https://plugin.example/cb"));
        int keysBefore = dsl.fetchCount(API_KEY);

        _click(_get(Button.class, spec -> spec.withId("authorize-approve")));
        @SuppressWarnings("unchecked")
        ComboBox<Merchant> storeField = _get(ComboBox.class, spec -> spec.withId("authorize-store"));
        assertThat(storeField.getErrorMessage()).isEqualTo("Choose the store this application may use.");
        assertThat(_find(com.vaadin.flow.component.Component.class, spec -> spec.withId("authorize-sending")))
                .isEmpty();
        assertThat(dsl.fetchCount(API_KEY)).isEqualTo(keysBefore);

        _setValue(storeField, merchants.findById(store.id()).orElseThrow());
        _click(_get(Button.class, spec -> spec.withId("authorize-approve")));

        Map<String, List<String>> posted = fields(postForm());
        assertThat(posted.get("permissions[]")).containsExactly(VIEW + ":" + store.id(), CREATE + ":" + store.id());
        ApiKey key =
                repository.findActiveByPlaintext(posted.get("apiKey").get(0)).orElseThrow();
        assertThat(key.merchantId()).isEqualTo(store.id());
    }

    @Test
    void without_an_absolute_redirect_the_key_is_shown_once_instead() {
        navigate("applicationName=Script&permissions=" + VIEW + "&redirect=" + encoded("/relative/path"));

        assertThat(text("authorize-refused-redirect")).contains("/relative/path");
        assertThat(text("authorize-destination")).isEqualTo("The key will be shown to you once, here.");
        _click(_get(Button.class, spec -> spec.withId("authorize-approve")));

        assertThat(_find(Dialog.class, spec -> spec.withId("api-key-created"))).hasSize(1);
        String plaintext =
                _get(TextField.class, spec -> spec.withId("api-key-value")).getValue();
        assertThat(repository.findActiveByPlaintext(plaintext).orElseThrow().label())
                .isEqualTo("Script");
        assertThat(descendants(_get(AuthorizeApiKeyView.class).getElement())
                        .anyMatch(AuthorizeApiKeyViewIT::isPostForm))
                .isFalse();
    }

    @Test
    void a_request_for_nothing_flash_offers_cannot_be_approved() {
        navigate("permissions=unrestricted");
        int keysBefore = dsl.fetchCount(API_KEY);

        assertThat(_get(H2.class, spec -> spec.withId("authorize-title")).getText())
                .isEqualTo("Authorize An application");
        _click(_get(Button.class, spec -> spec.withId("authorize-approve")));

        assertThat(permissions().getErrorMessage()).isEqualTo("Choose at least one permission.");
        assertThat(dsl.fetchCount(API_KEY)).isEqualTo(keysBefore);
    }

    private static PermissionChoice offered(String name) {
        return StorePermissions.offered(name).orElseThrow();
    }

    private static Element postForm() {
        return descendants(_get(AuthorizeApiKeyView.class).getElement())
                .filter(AuthorizeApiKeyViewIT::isPostForm)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no post-back form"));
    }

    private static boolean isPostForm(Element element) {
        return "authorize-post".equals(element.getAttribute("id"));
    }

    private static java.util.stream.Stream<Element> descendants(Element element) {
        return java.util.stream.Stream.concat(
                java.util.stream.Stream.of(element), element.getChildren().flatMap(AuthorizeApiKeyViewIT::descendants));
    }

    private static Map<String, List<String>> fields(Element form) {
        return form.getChildren()
                .collect(Collectors.groupingBy(
                        input -> input.getAttribute("name"),
                        java.util.LinkedHashMap::new,
                        Collectors.mapping(input -> input.getAttribute("value"), Collectors.toList())));
    }
}
