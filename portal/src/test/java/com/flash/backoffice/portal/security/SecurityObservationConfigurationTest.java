package com.flash.backoffice.portal.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;

class SecurityObservationConfigurationTest {

    private final ObservationPredicate predicate =
            new SecurityObservationConfiguration().noSpringSecurityObservations();

    @Test
    void spring_securitys_per_filter_observations_are_left_out_and_the_requests_own_kept() {
        Observation.Context context = new Observation.Context();

        assertThat(predicate.test("spring.security.filterchains", context)).isFalse();
        assertThat(predicate.test("spring.security.authorizations", context)).isFalse();
        assertThat(predicate.test("http.server.requests", context)).isTrue();
    }
}
