package com.flash.backoffice.portal.card;

import com.flash.backoffice.portal.security.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The card routes are called by cards, wallets and the programming app, never by a signed-in browser: stateless, no
 * CSRF token (the app POSTs JSON), open to all; the card's signature or the one-time token is the credential.
 */
@Configuration
class BoltCardSecurityConfiguration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 1)
    SecurityFilterChain boltCardSecurityFilterChain(HttpSecurity http, SecurityHeaders securityHeaders)
            throws Exception {
        return http.securityMatcher(BoltCardPaths.TAP, BoltCardPaths.TAP + "/**")
                // the holder's balance page is a page like the portal's
                .headers(securityHeaders.forPages())
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .build();
    }
}
