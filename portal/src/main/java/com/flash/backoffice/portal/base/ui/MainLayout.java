package com.flash.backoffice.portal.base.ui;

import com.flash.backoffice.portal.security.CurrentUser;
import com.flash.backoffice.workflows.rate.RateMode;
import com.flash.backoffice.workflows.watch.NetworkMode;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The frame around every staff view. The side navigation is built from the {@code @Menu} entries that
 * Vaadin's access control lets the signed-in user open, so the menu never offers a view the role can't see.
 */
@Layout
@PermitAll
public class MainLayout extends AppLayout {

    public MainLayout(
            CurrentUser currentUser,
            AuthenticationContext authenticationContext,
            ObjectProvider<NetworkMode> network,
            ObjectProvider<RateMode> rates) {
        setPrimarySection(Section.DRAWER);
        addToDrawer(brand(), navigation());
        addToNavbar(new DrawerToggle());
        NetworkMode mode = network.getIfAvailable();
        if (mode != null && mode.simulated()) {
            addToNavbar(simulatedNetworkBanner(mode));
        }
        RateMode rateMode = rates.getIfAvailable();
        if (rateMode != null && rateMode.simulated()) {
            addToNavbar(simulatedRatesBanner(rateMode));
        }
        addToNavbar(userBar(currentUser, authenticationContext));
    }

    /** Says loudly that no real Bitcoin moves: the development default runs on a simulated network. */
    static Span simulatedNetworkBanner(NetworkMode mode) {
        Span banner = new Span("SIMULATED NETWORK · no real bitcoin");
        banner.setId("simulated-network");
        banner.setTitle("Development only: " + mode.reason());
        banner.getElement().getThemeList().add("badge error primary");
        return banner;
    }

    /** Says loudly that fiat prices are made up: the development default has no internet to fetch rates from. */
    static Span simulatedRatesBanner(RateMode mode) {
        Span banner = new Span("SIMULATED RATES · not market prices");
        banner.setId("simulated-rates");
        banner.setTitle("Development only: " + mode.reason());
        banner.getElement().getThemeList().add("badge error primary");
        return banner;
    }

    private static Span brand() {
        Span brand = new Span("⚡ Flash back office");
        brand.addClassNames("text-l", "font-semibold", "p-m");
        return brand;
    }

    private static SideNav navigation() {
        SideNav nav = new SideNav();
        nav.setId("main-menu");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            SideNavItem item = new SideNavItem(entry.title(), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        return nav;
    }

    private static HorizontalLayout userBar(CurrentUser currentUser, AuthenticationContext authenticationContext) {
        String who = currentUser
                .get()
                .map(staff -> staff.displayName() + " ("
                        + staff.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", "))
                        + ")")
                .orElse("");
        Span user = new Span(who);
        user.setId("current-user");
        Button logout = new Button("Log out", click -> authenticationContext.logout());
        logout.setId("logout");
        logout.addThemeVariants(ButtonVariant.TERTIARY);
        HorizontalLayout bar = new HorizontalLayout(user, logout);
        bar.setAlignItems(FlexComponent.Alignment.CENTER);
        bar.addClassNames("ms-auto", "me-m");
        return bar;
    }
}
