package com.flash.backoffice.portal.security;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import com.flash.backoffice.portal.base.ui.AccessDeniedView;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.RouteConfiguration;
import com.vaadin.flow.server.VaadinService;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Who may open what, checked cell by cell against one declared table: every view in Vaadin's route registry and every
 * REST route in Spring's handler mappings, for each staff role and for an anonymous visitor, plus paths under
 * {@code /api} that no route has. A view or route that appears without a line in the table fails the test, and so
 * does a line whose route is gone.
 */
@PortalSpringTest
class RbacMatrixIT {

    /** A visitor of the matrix: no one, or a staff member with exactly one role. */
    enum Visitor {
        ANONYMOUS(null),
        FINANCE(Role.FINANCE),
        MARKETING(Role.MARKETING),
        SUPPORT(Role.SUPPORT),
        ACCOUNTANT(Role.ACCOUNTANT),
        ADMIN(Role.ADMIN);

        final Role role;

        Visitor(Role role) {
            this.role = role;
        }
    }

    private static final Set<Visitor> STAFF = EnumSet.range(Visitor.FINANCE, Visitor.ADMIN);
    private static final Set<Visitor> EVERYONE = EnumSet.allOf(Visitor.class);

    /** Views: route template → who may open it. */
    private static final Map<String, Set<Visitor>> VIEWS = new TreeMap<>(Map.ofEntries(
            Map.entry("", STAFF),
            Map.entry("dashboard", STAFF),
            Map.entry("merchants", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT)),
            Map.entry("invoices", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry("invoices/:id", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry("payouts", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry("payouts/:id", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry("rates", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE)),
            Map.entry("refunds", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry("refunds/:id", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry("refunds/claim/:token", EVERYONE),
            Map.entry("cards", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry("cards/:id", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry(
                    "cards/top-ups/:id",
                    EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry(
                    "cards/taps/:id", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT, Visitor.ACCOUNTANT)),
            Map.entry("cards/activations", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT)),
            Map.entry("cards/activate", EVERYONE),
            Map.entry("settlement-schedules", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.ACCOUNTANT)),
            Map.entry("payment-batches", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.ACCOUNTANT)),
            Map.entry("suspense", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.SUPPORT)),
            Map.entry("reports", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.ACCOUNTANT)),
            Map.entry("reports/schedules", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE, Visitor.ACCOUNTANT)),
            Map.entry("approvals", EnumSet.of(Visitor.ADMIN, Visitor.FINANCE)),
            Map.entry("workflows", STAFF),
            Map.entry("workflows/:id", STAFF),
            Map.entry("api-keys", EnumSet.of(Visitor.ADMIN)),
            Map.entry("api-keys/authorize", EnumSet.of(Visitor.ADMIN)),
            Map.entry("audit", EnumSet.of(Visitor.ADMIN, Visitor.ACCOUNTANT)),
            Map.entry("i/:id", EVERYONE)));

    /** REST routes: "METHOD pattern" → public (anyone, the route's own token or signature decides) or API key only. */
    private static final Map<String, Boolean> PUBLIC_ROUTES = new TreeMap<>(Map.ofEntries(
            Map.entry("POST /api/v1/invoices", true),
            Map.entry("GET /lnurlw/refund/{claimToken}", true),
            Map.entry("GET /lnurlw/refund/callback", true),
            Map.entry("GET /boltcard", true),
            Map.entry("GET /boltcard/callback", true),
            Map.entry("GET /boltcard/balance", true),
            Map.entry("POST /boltcard/balance/pin", true),
            Map.entry("POST /boltcard/program/{token}", true),
            Map.entry("GET /boltcard/topup/{token}", true),
            Map.entry("GET /boltcard/topup/{token}/invoice", true),
            Map.entry("GET /api/v1/stores/{storeId}/invoices", false),
            Map.entry("POST /api/v1/stores/{storeId}/invoices", false),
            Map.entry("GET /api/v1/stores/{storeId}/invoices/{invoiceId}", false),
            Map.entry("PUT /api/v1/stores/{storeId}/invoices/{invoiceId}", false),
            Map.entry("DELETE /api/v1/stores/{storeId}/invoices/{invoiceId}", false),
            Map.entry("POST /api/v1/stores/{storeId}/invoices/{invoiceId}/status", false),
            Map.entry("GET /api/v1/stores/{storeId}/invoices/{invoiceId}/payment-methods", false),
            Map.entry("POST /api/v1/stores/{storeId}/invoices/{invoiceId}/refund", false),
            Map.entry("POST /api/v1/stores/{storeId}/invoices/{invoiceId}/refund/preview", false),
            Map.entry("GET /api/v1/stores/{storeId}/invoices/{invoiceId}/refunds", false),
            Map.entry("GET /api/v1/stores/{storeId}/refunds/{refundId}", false),
            Map.entry("GET /api/v1/stores/{storeId}/webhooks", false),
            Map.entry("POST /api/v1/stores/{storeId}/webhooks", false),
            Map.entry("GET /api/v1/stores/{storeId}/webhooks/{webhookId}", false),
            Map.entry("PUT /api/v1/stores/{storeId}/webhooks/{webhookId}", false),
            Map.entry("DELETE /api/v1/stores/{storeId}/webhooks/{webhookId}", false),
            Map.entry("GET /api/v1/stores/{storeId}/webhooks/{webhookId}/deliveries", false),
            Map.entry("GET /api/v1/stores/{storeId}/webhooks/{webhookId}/deliveries/{deliveryId}", false),
            Map.entry("GET /api/v1/stores/{storeId}/webhooks/{webhookId}/deliveries/{deliveryId}/request", false),
            Map.entry("POST /api/v1/stores/{storeId}/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver", false),
            Map.entry("GET /api/v1/stores/{storeId}/payouts", false),
            Map.entry("POST /api/v1/stores/{storeId}/payouts", false),
            Map.entry("GET /api/v1/stores/{storeId}/payouts/{payoutId}", false),
            Map.entry("POST /api/v1/stores/{storeId}/payouts/{payoutId}", false),
            Map.entry("DELETE /api/v1/stores/{storeId}/payouts/{payoutId}", false),
            Map.entry("POST /api/v1/stores/{storeId}/payouts/{payoutId}/mark-paid", false),
            Map.entry("GET /api/v1/reports/{name}", false)));

    /** Paths under /api that no route has: 404 for everyone. */
    private static final List<String> UNKNOWN_API =
            List.of("GET /api/v1/stores/x/unknown", "POST /api/v1/users", "GET /api/v2/stores", "DELETE /api/v1");

    private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");

    @Autowired
    ApplicationContext context;

    @Autowired
    WebApplicationContext web;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping handlerMapping;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    @Test
    void every_view_and_every_rest_route_answers_each_visitor_as_the_table_says() throws Exception {
        List<String> differences = new ArrayList<>();
        int cells = 0;

        Set<String> registeredViews = registeredViewTemplates();
        assertThat(registeredViews).as("views in the registry and in the table").isEqualTo(VIEWS.keySet());
        for (Map.Entry<String, Set<Visitor>> view : VIEWS.entrySet()) {
            for (Visitor visitor : Visitor.values()) {
                boolean opened = opens(visitor, view.getKey());
                boolean expected = view.getValue().contains(visitor);
                cells++;
                if (opened != expected) {
                    differences.add("view " + view.getKey() + " for " + visitor + ": " + (opened ? "opened" : "refused")
                            + ", the table says " + (expected ? "open" : "refuse"));
                }
            }
        }

        Set<String> registeredRoutes = registeredRestRoutes();
        assertThat(registeredRoutes)
                .as("REST routes in the handler mappings and in the table")
                .isEqualTo(PUBLIC_ROUTES.keySet());
        MockMvc mvc =
                MockMvcBuilders.webAppContextSetup(web).apply(springSecurity()).build();
        for (Map.Entry<String, Boolean> route : PUBLIC_ROUTES.entrySet()) {
            for (Visitor visitor : Visitor.values()) {
                MvcResult answer = call(mvc, route.getKey(), visitor);
                int status = answer.getResponse().getStatus();
                boolean refused = status == 401 || status == 403;
                cells++;
                if (route.getValue() == refused) {
                    differences.add(route.getKey() + " for " + visitor + ": " + status + ", the table says "
                            + (route.getValue() ? "public" : "API key only"));
                } else if (refused && !isJson(answer)) {
                    differences.add(route.getKey() + " for " + visitor + ": " + status + " without a JSON body");
                }
            }
        }
        for (String unknown : UNKNOWN_API) {
            for (Visitor visitor : Visitor.values()) {
                MvcResult answer = call(mvc, unknown, visitor);
                cells++;
                if (answer.getResponse().getStatus() != 404 || !isJson(answer)) {
                    differences.add(unknown + " for " + visitor + ": "
                            + answer.getResponse().getStatus() + ", expected 404 with a JSON body");
                }
            }
        }

        System.out.printf(
                "RBAC matrix: %d cells checked (%d views, %d REST routes, %d unknown API paths, × %d visitors)%n",
                cells, VIEWS.size(), PUBLIC_ROUTES.size(), UNKNOWN_API.size(), Visitor.values().length);
        assertThat(differences).as("cells that differ from the table").isEmpty();
        assertThat(cells)
                .isEqualTo((VIEWS.size() + PUBLIC_ROUTES.size() + UNKNOWN_API.size()) * Visitor.values().length);
    }

    private Set<String> registeredViewTemplates() {
        KaribuSpring.openAs(context, "admin", Role.ADMIN);
        Set<String> templates = new TreeSet<>();
        RouteConfiguration.forRegistry(VaadinService.getCurrent().getRouter().getRegistry())
                .getAvailableRoutes()
                .forEach(route -> {
                    templates.add(withoutOptionalParameter(route.getTemplate()));
                    route.getRouteAliases()
                            .forEach(alias -> templates.add(withoutOptionalParameter(alias.getTemplate())));
                });
        KaribuSpring.close();
        return templates;
    }

    /** A view with an optional URL parameter (HasUrlParameter) is listed, and opened, without it. */
    private static String withoutOptionalParameter(String template) {
        return template.replaceFirst("/:___url_parameter\\?.*$", "");
    }

    private boolean opens(Visitor visitor, String template) {
        if (visitor.role == null) {
            KaribuSpring.openAnonymous(context);
        } else {
            KaribuSpring.openAs(context, visitor.name().toLowerCase(), visitor.role);
        }
        try {
            UI.getCurrent().navigate(template.replace(":id", "no-such-id").replace(":token", "no-such-token"));
            // refused: staff see the access-denied view; an anonymous visitor is sent to the login page, no view
            return !UI.getCurrent().getInternals().getActiveRouterTargetsChain().isEmpty()
                    && _find(AccessDeniedView.class).isEmpty();
        } finally {
            KaribuSpring.close();
        }
    }

    private Set<String> registeredRestRoutes() {
        Set<String> routes = new TreeSet<>();
        handlerMapping.getHandlerMethods().forEach((RequestMappingInfo info, HandlerMethod handler) -> {
            if (handler.getBeanType().getSimpleName().equals("UnknownApiRoutes")
                    || info.getPathPatternsCondition() == null) {
                return;
            }
            for (String pattern : info.getPathPatternsCondition().getPatternValues()) {
                info.getMethodsCondition().getMethods().forEach(method -> routes.add(method.name() + " " + pattern));
            }
        });
        return routes;
    }

    private static MvcResult call(MockMvc mvc, String route, Visitor visitor) throws Exception {
        String[] parts = route.split(" ", 2);
        MockHttpServletRequestBuilder request = request(
                        HttpMethod.valueOf(parts[0]),
                        PATH_VARIABLE.matcher(parts[1]).replaceAll("x"))
                .accept(MediaType.APPLICATION_JSON);
        if (visitor.role != null) {
            request.with(authentication(UsernamePasswordAuthenticationToken.authenticated(
                    visitor.name().toLowerCase(),
                    "n/a",
                    List.of(new SimpleGrantedAuthority(visitor.role.authority())))));
        }
        return mvc.perform(request).andReturn();
    }

    private static boolean isJson(MvcResult answer) {
        String type = answer.getResponse().getContentType();
        return type != null && type.contains("json");
    }
}
