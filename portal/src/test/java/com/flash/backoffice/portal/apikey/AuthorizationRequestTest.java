package com.flash.backoffice.portal.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.portal.api.StorePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuthorizationRequestTest {

    @Test
    void btcpays_defaults_are_strict_and_every_store() {
        AuthorizationRequest request = AuthorizationRequest.parse(Map.of());

        assertThat(request.strict()).isTrue();
        assertThat(request.selectiveStores()).isFalse();
        assertThat(request.permissions()).isEmpty();
        assertThat(request.redirect()).isNull();
        assertThat(request.refusedRedirect()).isNull();
        assertThat(request.label()).isEqualTo("Authorized application");
    }

    @Test
    void both_spellings_of_the_permission_list_are_read_and_unknown_names_set_aside() {
        AuthorizationRequest request = AuthorizationRequest.parse(Map.of(
                "permissions", List.of("BTCPay.Store.CanViewInvoices", "unrestricted", " "),
                "permissions[]", List.of(StorePermissions.CREATE_INVOICE + ":store-7", "unrestricted"),
                "strict", List.of("FALSE"),
                "selectiveStores", List.of("true")));

        assertThat(request.permissions())
                .containsExactlyInAnyOrder(StorePermissions.VIEW_INVOICES, StorePermissions.CREATE_INVOICE);
        assertThat(request.ignored()).containsExactly("unrestricted");
        assertThat(request.requestedStoreId()).isEqualTo("store-7");
        assertThat(request.strict()).isFalse();
        assertThat(request.selectiveStores()).isTrue();
    }

    @Test
    void only_an_absolute_http_address_without_credentials_is_a_redirect() {
        assertThat(redirectOf("https://shop.example/keys?x=1").redirect()).hasToString("https://shop.example/keys?x=1");
        assertThat(redirectOf("http://127.0.0.1:8080/cb").redirect()).hasToString("http://127.0.0.1:8080/cb");
        for (String refused : List.of(
                "/relative",
                "javascript:alert(1)",
                "ftp://shop.example/x",
                "https://user:pw@shop.example/",
                "http://")) {
            AuthorizationRequest request = redirectOf(refused);
            assertThat(request.redirect()).as(refused).isNull();
            assertThat(request.refusedRedirect()).as(refused).isEqualTo(refused);
        }
    }

    @Test
    void a_long_application_name_is_cut_to_the_label_limit_and_a_bad_flag_keeps_the_default() {
        AuthorizationRequest request = AuthorizationRequest.parse(
                Map.of("applicationName", List.of("  " + "n".repeat(300) + "  "), "strict", List.of("maybe")));

        assertThat(request.label()).hasSize(ApiKeyRules.MAX_LABEL);
        assertThat(request.strict()).isTrue();
    }

    private static AuthorizationRequest redirectOf(String redirect) {
        return AuthorizationRequest.parse(Map.of("redirect", List.of(redirect)));
    }
}
