package com.flash.backoffice.portal.testsupport;

import com.flash.backoffice.portal.dev.keycloak.KeycloakServer;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/** For browser tests: the real Keycloak (one per test JVM) and a known port for the portal's redirect URI. */
public class BrowserTestInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final int PORT = TestServers.freePort();

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        KeycloakServer keycloak = KeycloakServer.shared();
        TestPropertyValues.of(
                        "server.port=" + PORT,
                        "vaadin.devmode.devTools.enabled=false",
                        "flash.oidc.issuer-uri=" + keycloak.issuerUri(),
                        "spring.security.oauth2.client.registration.keycloak.client-secret=" + keycloak.clientSecret())
                .applyTo(context);
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + PORT;
    }
}
