package com.flash.backoffice.portal.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    static final String LOGIN_PATH = "/oauth2/authorization/keycloak";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, OidcProperties oidc) throws Exception {
        http.authorizeHttpRequests(
                requests -> requests.requestMatchers("/actuator/health").permitAll());
        return http.with(
                        vaadin(),
                        vaadin -> vaadin.oauth2LoginPage(LOGIN_PATH).logoutSuccessHandler(keycloakLogout(oidc)))
                .build();
    }

    @Bean
    GrantedAuthoritiesMapper realmRoleAuthoritiesMapper() {
        return new RealmRoleAuthoritiesMapper();
    }

    /**
     * Ends the Keycloak session too (RP-initiated logout), then returns to the portal. Built by hand because
     * the provider is configured with explicit endpoints, so no discovery document supplies the end-session URL.
     */
    private static LogoutSuccessHandler keycloakLogout(OidcProperties oidc) {
        return (request, response, authentication) -> {
            String portal = ServletUriComponentsBuilder.fromContextPath(request)
                    .replaceQuery(null)
                    .build()
                    .toUriString();
            StringBuilder url = new StringBuilder(oidc.browserIssuer())
                    .append("/protocol/openid-connect/logout?post_logout_redirect_uri=")
                    .append(URLEncoder.encode(portal + "/", StandardCharsets.UTF_8));
            if (authentication != null && authentication.getPrincipal() instanceof OidcUser user) {
                url.append("&id_token_hint=").append(user.getIdToken().getTokenValue());
            }
            response.sendRedirect(url.toString());
        };
    }
}
