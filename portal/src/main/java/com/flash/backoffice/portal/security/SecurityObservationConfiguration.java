package com.flash.backoffice.portal.security;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Security wraps each filter of every chain in an observation of its own. The request's own observation
 * ({@code http.server.requests}) already times every route, and on the public card routes the per-filter ones were
 * a large share of the request's CPU: they are left out (Spring Security's documented opt-out).
 */
@Configuration(proxyBeanMethods = false)
class SecurityObservationConfiguration {

    @Bean
    ObservationPredicate noSpringSecurityObservations() {
        return (name, context) -> !name.startsWith("spring.security.");
    }
}
