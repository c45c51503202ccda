package com.flash.backoffice.portal.api;

import com.flash.backoffice.db.apikey.ApiKeyRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API's own filter chain, before the Vaadin/OIDC one: {@code /api/**} only, stateless, no CSRF (no
 * cookies are read), no login redirect; 401 {@code unauthenticated} and 403 {@code missing-permission} bodies.
 * Store permissions are checked by the services' {@code @PreAuthorize} through {@link StorePermissions}.
 */
@Configuration
class ApiSecurityConfiguration {

    static final ApiError UNAUTHENTICATED = new ApiError(
            "unauthenticated", "Authenticate with the header 'Authorization: token <apiKey>' and a valid, active key.");
    static final ApiError MISSING_PERMISSION =
            new ApiError("missing-permission", "The API key lacks the permission this request needs on this store.");

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain apiSecurityFilterChain(
            HttpSecurity http, ApiKeyRepository keys, JsonMapper json, ApiRoutes routes) throws Exception {
        ApiErrorWriter errors = new ApiErrorWriter(json);
        return http.securityMatcher("/api/**")
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                // JSON only: nothing to run, load or frame
                .headers(headers -> headers.contentSecurityPolicy(
                                csp -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'"))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
                .addFilterBefore(new ApiKeyAuthenticationFilter(keys, errors), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        // the pay button: a public form post, allowed per store by "anyone can create invoice"
                        .requestMatchers(HttpMethod.POST, "/api/v1/invoices")
                        .permitAll()
                        // a path no route has is 404 for everyone, with or without a key
                        .requestMatchers(request -> !routes.has(request))
                        .permitAll()
                        .anyRequest()
                        .hasAuthority(ApiKeyAuthentication.AUTHORITY))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(
                                (request, response, e) -> errors.write(response, 401, UNAUTHENTICATED))
                        .accessDeniedHandler((request, response, e) -> errors.write(response, 403, MISSING_PERMISSION)))
                .build();
    }
}
