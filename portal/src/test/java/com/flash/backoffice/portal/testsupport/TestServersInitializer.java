package com.flash.backoffice.portal.testsupport;

import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Points a test's Spring context at the shared test servers. Keycloak is not needed to start: the provider
 * is configured with explicit endpoints, so only the browser tests start a real one.
 */
public class TestServersInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of(
                        "spring.datasource.url=" + TestServers.jdbcUrl(),
                        "spring.datasource.username=" + TestServers.mariaDb().username(),
                        "spring.datasource.password=" + TestServers.mariaDb().password(),
                        "spring.temporal.connection.target=" + TestServers.temporalTarget(),
                        "flash.reports.directory=" + TestServers.reportsDirectory(),
                        // the suite's own network; the regtest tests start the portal on real nodes instead
                        "flash.network.simulated=true",
                        // tests have no internet and set the rates they need; RatesIT runs fetches itself
                        "flash.rates.fetch-enabled=false",
                        // the tests' webhook receivers listen on this machine
                        "flash.webhooks.allowed-hosts=127.0.0.1,localhost")
                .applyTo(context);
    }
}
