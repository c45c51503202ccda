package com.flash.backoffice.portal.base.ui;

import static com.github.mvysny.kaributesting.v10.LocatorJ._find;
import static com.github.mvysny.kaributesting.v10.LocatorJ._get;
import static org.assertj.core.api.Assertions.assertThat;

import com.flash.backoffice.portal.security.Role;
import com.flash.backoffice.portal.testsupport.KaribuSpring;
import com.flash.backoffice.portal.testsupport.PortalSpringTest;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

@PortalSpringTest
class RoleNavigationIT {

    @Autowired
    ApplicationContext context;

    @AfterEach
    void close() {
        KaribuSpring.close();
    }

    static Stream<Arguments> menus() {
        return Stream.of(
                Arguments.of(
                        Role.FINANCE,
                        List.of(
                                "Dashboard",
                                "Merchants",
                                "Invoices",
                                "Payouts",
                                "Exchange rates",
                                "Refunds",
                                "Flash cards",
                                "Card activations",
                                "Settlement schedules",
                                "On-chain batches",
                                "Receipts to resolve",
                                "Reports",
                                "Scheduled reports",
                                "Approvals",
                                "Workflows")),
                Arguments.of(Role.MARKETING, List.of("Dashboard", "Workflows")),
                Arguments.of(
                        Role.SUPPORT,
                        List.of(
                                "Dashboard",
                                "Merchants",
                                "Invoices",
                                "Payouts",
                                "Refunds",
                                "Flash cards",
                                "Card activations",
                                "Receipts to resolve",
                                "Workflows")),
                Arguments.of(
                        Role.ACCOUNTANT,
                        List.of(
                                "Dashboard",
                                "Invoices",
                                "Payouts",
                                "Refunds",
                                "Flash cards",
                                "Settlement schedules",
                                "On-chain batches",
                                "Reports",
                                "Scheduled reports",
                                "Workflows",
                                "Audit log")),
                Arguments.of(
                        Role.ADMIN,
                        List.of(
                                "Dashboard",
                                "Merchants",
                                "Invoices",
                                "Payouts",
                                "Exchange rates",
                                "Refunds",
                                "Flash cards",
                                "Card activations",
                                "Settlement schedules",
                                "On-chain batches",
                                "Receipts to resolve",
                                "Reports",
                                "Scheduled reports",
                                "Approvals",
                                "Workflows",
                                "API keys",
                                "Audit log")));
    }

    @ParameterizedTest
    @MethodSource("menus")
    void each_role_sees_exactly_its_menu(Role role, List<String> expectedMenu) {
        KaribuSpring.openAs(context, role.name().toLowerCase(), role);

        UI.getCurrent().navigate("dashboard");

        SideNav menu = _get(SideNav.class, spec -> spec.withId("main-menu"));
        assertThat(menu.getItems()).extracting(SideNavItem::getLabel).containsExactlyElementsOf(expectedMenu);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(Role.MARKETING, "merchants"),
                Arguments.of(Role.MARKETING, "audit"),
                Arguments.of(Role.FINANCE, "audit"),
                Arguments.of(Role.SUPPORT, "audit"),
                Arguments.of(Role.ACCOUNTANT, "merchants"),
                Arguments.of(Role.MARKETING, "invoices"),
                Arguments.of(Role.MARKETING, "payouts"),
                Arguments.of(Role.MARKETING, "refunds"),
                Arguments.of(Role.SUPPORT, "rates"),
                Arguments.of(Role.ACCOUNTANT, "rates"),
                Arguments.of(Role.SUPPORT, "reports"),
                Arguments.of(Role.MARKETING, "reports"),
                Arguments.of(Role.SUPPORT, "reports/schedules"),
                Arguments.of(Role.MARKETING, "reports/schedules"),
                Arguments.of(Role.MARKETING, "suspense"),
                Arguments.of(Role.ACCOUNTANT, "suspense"));
    }

    @ParameterizedTest
    @MethodSource("refusals")
    void a_view_of_another_role_is_refused_by_url(Role role, String path) {
        KaribuSpring.openAs(context, role.name().toLowerCase(), role);

        UI.getCurrent().navigate(path);

        assertThat(_find(AccessDeniedView.class)).hasSize(1);
    }

    @ParameterizedTest
    @MethodSource("menus")
    void every_menu_entry_opens_for_its_role(Role role, List<String> expectedMenu) {
        KaribuSpring.openAs(context, role.name().toLowerCase(), role);
        UI.getCurrent().navigate("dashboard");
        List<String> paths = _get(SideNav.class, spec -> spec.withId("main-menu")).getItems().stream()
                .map(SideNavItem::getPath)
                .toList();

        for (String path : paths) {
            UI.getCurrent().navigate(path);
            assertThat(_find(AccessDeniedView.class)).as(path).isEmpty();
        }
    }
}
