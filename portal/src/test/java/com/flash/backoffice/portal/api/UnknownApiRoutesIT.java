package com.flash.backoffice.portal.api;

import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.patch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import com.flash.backoffice.db.merchant.Merchant;
import com.flash.backoffice.db.merchant.MerchantRepository;
import com.flash.backoffice.db.merchant.NewMerchant;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import java.util.List;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

/**
 * API requests no route takes, through the whole application: a path no route has is 404, a route's path with
 * another method 405 with {@code Allow}; both Greenfield JSON, never the portal's HTML page; real routes unchanged.
 */
@PortalSpringTest
class UnknownApiRoutesIT {

    private final MockMvc mvc;
    private final String key;
    private final Merchant store;

    UnknownApiRoutesIT(
            @Autowired WebApplicationContext context,
            @Autowired ApiKeyRepository keys,
            @Autowired MerchantRepository merchants) {
        this.mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(springSecurity())
                .build();
        this.store = merchants.create(NewMerchant.withDefaults("Unknown routes " + UUID.randomUUID(), "EUR"));
        this.key = keys.create(
                        "unknown routes " + UUID.randomUUID(),
                        store.id(),
                        List.of("btcpay.store.canviewinvoices"),
                        "test")
                .plaintextKey();
    }

    @Test
    void a_path_no_route_has_is_404_json_whatever_the_method() throws Exception {
        for (MockHttpServletRequestBuilder request : List.of(
                get("/api/v1/stores/" + store.id() + "/nothing-here"),
                get("/api/v1"),
                post("/api/v2/invoices").contentType(MediaType.APPLICATION_JSON).content("{}"),
                delete("/api/v1/stores/" + store.id() + "/invoices/a/b/c"))) {
            call(request)
                    .andExpect(status().isNotFound())
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                    .andExpect(jsonPath("$.code").value("not-found"))
                    .andExpect(jsonPath("$.message").value(Matchers.startsWith("No API route ")));
        }
    }

    @Test
    void a_routes_path_with_another_method_is_405_json_naming_the_methods_it_takes() throws Exception {
        call(delete("/api/v1/stores/" + store.id() + "/invoices"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET, POST"))
                .andExpect(jsonPath("$.code").value("method-not-allowed"))
                .andExpect(jsonPath("$.message").value(Matchers.endsWith("it takes GET, POST")));
        call(patch("/api/v1/stores/" + store.id() + "/invoices/some-invoice"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().string("Allow", "GET, PUT, DELETE"));
        call(options("/api/v1/stores/" + store.id() + "/invoices"))
                .andExpect(status().isOk())
                .andExpect(header().string(
                                "Allow",
                                Matchers.allOf(Matchers.containsString("GET"), Matchers.containsString("POST"))));
        call(options("/api/v1/nowhere")).andExpect(status().isNotFound());
    }

    @Test
    void without_a_key_an_unknown_path_is_404_too_and_a_real_route_still_asks_for_the_key() throws Exception {
        call(get("/api/v1/stores/" + store.id() + "/invoices")).andExpect(status().isOk());
        mvc.perform(get("/api/v1/no-such-route"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("not-found"));
        mvc.perform(get("/api/v1/stores/" + store.id() + "/invoices"))
                .andExpect(status().isUnauthorized())
                .andExpect(jsonPath("$.code").value("unauthenticated"));
        // a route's path with another method is no unknown path: the key comes first
        mvc.perform(delete("/api/v1/stores/" + store.id() + "/invoices")).andExpect(status().isUnauthorized());
    }

    private ResultActions call(MockHttpServletRequestBuilder request) throws Exception {
        return mvc.perform(request.header("Authorization", "token " + key));
    }
}
