package com.flash.backoffice.portal.security;

import static com.vaadin.flow.spring.security.VaadinSecurityConfigurer.vaadin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenDecoderFactory;
import org.springframework.security.oauth2.client.oidc.authentication.OidcIdTokenValidator;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
@EnableWebSecurity
@EnableMethodSecurity
class SecurityConfiguration {

    static final String LOGIN_PATH = "/oauth2/authorization/keycloak";

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, OidcProperties oidc, SecurityHeaders securityHeaders)
            throws Exception {
        http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health")
                .permitAll()
                // LNURL-withdraw of refunds: public, guarded by the claim's token and single-use k1
                .requestMatchers(org.springframework.http.HttpMethod.GET, "/lnurlw/**")
                .permitAll());
        return http.with(
                        vaadin(),
                        vaadin -> vaadin.oauth2LoginPage(LOGIN_PATH)
                                .logoutSuccessHandler(new KeycloakLogoutSuccessHandler(oidc)))
                // after Vaadin's configurer, which asks for X-Frame-Options SAMEORIGIN
                .headers(securityHeaders.forPages())
                .build();
    }

    /**
     * ID tokens must come from our realm: Keycloak names its browser-facing URL as issuer, which differs from
     * the internal URL the portal fetches keys from when they run behind Docker networking or a proxy.
     */
    @Bean
    JwtDecoderFactory<ClientRegistration> idTokenDecoderFactory(OidcProperties oidc) {
        OidcIdTokenDecoderFactory factory = new OidcIdTokenDecoderFactory();
        factory.setJwtValidatorFactory(registration -> new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(),
                new JwtIssuerValidator(oidc.browserIssuer()),
                new OidcIdTokenValidator(registration)));
        return factory;
    }

    @Bean
    GrantedAuthoritiesMapper realmRoleAuthoritiesMapper() {
        return new RealmRoleAuthoritiesMapper();
    }
}
