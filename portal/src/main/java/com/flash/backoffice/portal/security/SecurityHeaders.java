package com.flash.backoffice.portal.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.stereotype.Component;

/**
 * The portal's Content-Security-Policy, and X-Frame-Options for browsers without {@code frame-ancestors}. Vaadin
 * needs {@code 'unsafe-inline'} and {@code 'unsafe-eval'} for scripts and inline styles (its bootstrap script and the
 * functions its client builds from the server's JavaScript); everything else is this origin only, QR codes are
 * {@code data:} images, no page may be framed and forms post only here, unless a {@link PagePolicy} loosens that for
 * its own page (a store's checkout on the store's web site, the API key authorize page's post-back).
 */
@Component
public final class SecurityHeaders implements HeaderWriter {

    static final long HSTS_MAX_AGE = 31_536_000;

    /**
     * The headers of every chain that serves pages to browsers: this policy, {@code Referrer-Policy: same-origin}
     * (checkout and claim links carry ids) and HSTS for a year, which Spring writes only on requests that came over TLS
     * (directly, or as a trusted proxy's forwarded headers say).
     */
    public Customizer<HeadersConfigurer<HttpSecurity>> forPages() {
        return headers -> headers.frameOptions(HeadersConfigurer.FrameOptionsConfig::disable)
                .addHeaderWriter(this)
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                .httpStrictTransportSecurity(
                        hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(HSTS_MAX_AGE));
    }

    static final String BASE = "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:;"
            + " object-src 'none'; base-uri 'self'";

    private final List<PagePolicy> policies;
    private final String identityProvider;

    /**
     * {@code identityProvider}: the origin of Keycloak as browsers reach it. Logging out is a Vaadin request whose
     * answer redirects to Keycloak's end-session page, so requests and forms may go there too.
     */
    SecurityHeaders(List<PagePolicy> policies, OidcProperties oidc) {
        this.policies = List.copyOf(policies);
        URI issuer = URI.create(oidc.browserIssuer());
        this.identityProvider =
                issuer.getScheme() + "://" + issuer.getHost() + (issuer.getPort() < 0 ? "" : ":" + issuer.getPort());
    }

    @Override
    public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
        Optional<String> framers = first(request, true);
        Optional<String> formTargets = first(request, false);
        String frameAncestors = framers.map(origins -> "'self' " + origins).orElse("'none'");
        String formAction = "'self' " + identityProvider
                + formTargets.map(targets -> " " + targets).orElse("");
        response.setHeader(
                "Content-Security-Policy",
                BASE + "; connect-src 'self' " + identityProvider + "; frame-ancestors " + frameAncestors
                        + "; form-action " + formAction);
        if (framers.isEmpty()) {
            response.setHeader("X-Frame-Options", "DENY");
        }
    }

    private Optional<String> first(HttpServletRequest request, boolean frameAncestors) {
        return policies.stream()
                .map(policy -> frameAncestors ? policy.frameAncestors(request) : policy.formAction(request))
                .filter(Objects::nonNull)
                .flatMap(Optional::stream)
                .filter(value -> !value.isBlank())
                .findFirst();
    }
}
