package com.flash.backoffice.portal.testsupport;

import com.flash.backoffice.portal.security.Role;
import com.github.mvysny.fakeservlet.FakeRequest;
import com.github.mvysny.kaributesting.v10.MockVaadin;
import com.github.mvysny.kaributesting.v10.Routes;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.router.Route;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * Browserless UI tests over the real Spring context: Karibu's mocked Vaadin with views created by Spring,
 * and a signed-in staff member visible to both Spring Security and Vaadin's view access control.
 */
public final class KaribuSpring {

    private static final Routes ROUTES = discoverRoutes();

    private KaribuSpring() {}

    /** Signs in {@code username} with {@code roles}, then opens a fresh mocked UI. */
    public static void openAs(ApplicationContext context, String username, Role... roles) {
        List<SimpleGrantedAuthority> authorities = Arrays.stream(roles)
                .map(role -> new SimpleGrantedAuthority(role.authority()))
                .toList();
        var authentication = UsernamePasswordAuthenticationToken.authenticated(username, "n/a", authorities);
        SecurityContextHolder.getContext().setAuthentication(authentication);
        MockVaadin.setMockRequestFactory(session -> {
            FakeRequest request = new FakeRequest(session);
            request.setUserPrincipalInt(authentication);
            request.setUserInRole(
                    (principal, role) -> authorities.contains(new SimpleGrantedAuthority("ROLE_" + role)));
            return request;
        });
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context));
    }

    /** Opens a fresh mocked UI for a visitor who is not signed in, as Spring Security's anonymous user. */
    public static void openAnonymous(ApplicationContext context) {
        SecurityContextHolder.getContext()
                .setAuthentication(new AnonymousAuthenticationToken(
                        "anonymous", "anonymousUser", List.of(new SimpleGrantedAuthority("ROLE_ANONYMOUS"))));
        MockVaadin.setMockRequestFactory(FakeRequest::new);
        MockVaadin.setup(UI::new, new MockSpringServlet(ROUTES, context));
    }

    /**
     * Views are package-private by convention, which Karibu's own discovery skips (it sees public classes
     * only), so routes are found with Spring's scanner instead.
     */
    @SuppressWarnings("unchecked")
    private static Routes discoverRoutes() {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(Route.class));
        scanner.addIncludeFilter(new AnnotationTypeFilter(Layout.class));
        scanner.addIncludeFilter(new AssignableTypeFilter(HasErrorParameter.class));
        Set<Class<? extends Component>> views = new HashSet<>();
        Set<Class<? extends HasErrorParameter<?>>> errorViews = new HashSet<>();
        for (var candidate : scanner.findCandidateComponents("com.flash.backoffice.portal")) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            if (type.isAnnotationPresent(Route.class) || type.isAnnotationPresent(Layout.class)) {
                views.add((Class<? extends Component>) type);
            }
            if (HasErrorParameter.class.isAssignableFrom(type)) {
                errorViews.add((Class<? extends HasErrorParameter<?>>) type);
            }
        }
        return new Routes(views, errorViews, true);
    }

    public static void close() {
        MockVaadin.tearDown();
        SecurityContextHolder.clearContext();
    }
}
