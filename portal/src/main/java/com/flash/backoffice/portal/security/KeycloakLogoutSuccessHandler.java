package com.flash.backoffice.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.SimpleUrlLogoutSuccessHandler;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Ends the Keycloak session too (RP-initiated logout), then returns to the portal. Built by hand because the
 * provider is configured with explicit endpoints, so no discovery document supplies the end-session URL. It
 * extends {@link SimpleUrlLogoutSuccessHandler} so Vaadin can redirect from inside a UI request.
 */
class KeycloakLogoutSuccessHandler extends SimpleUrlLogoutSuccessHandler {

    private final OidcProperties oidc;

    KeycloakLogoutSuccessHandler(OidcProperties oidc) {
        this.oidc = oidc;
    }

    @Override
    protected String determineTargetUrl(
            HttpServletRequest request, HttpServletResponse response, Authentication authentication) {
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
        return url.toString();
    }
}
