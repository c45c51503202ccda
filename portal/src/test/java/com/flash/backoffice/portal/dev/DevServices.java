package com.flash.backoffice.portal.dev;

import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.portal.dev.keycloak.KeycloakServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * Starts the real servers the portal needs when nothing external is configured: MariaDB, Temporal, Keycloak,
 * each on 127.0.0.1 and each skipped when its address is configured. Returns the properties that point the
 * application at what it started, and a line per service for the start-up banner.
 */
final class DevServices {

    static final int MARIADB_PORT = 3307;
    static final int TEMPORAL_PORT = 7233;
    static final int KEYCLOAK_PORT = 8180;

    final Map<String, String> properties = new LinkedHashMap<>();
    final List<String> banner = new ArrayList<>();

    static DevServices start(Path home, Environment environment, String portalBaseUrl) {
        DevServices dev = new DevServices();
        dev.database(home, environment);
        dev.temporal(environment);
        dev.keycloak(home, environment, portalBaseUrl);
        dev.rates();
        dev.webhooks();
        return dev;
    }

    private void database(Path home, Environment environment) {
        if (configured(environment, "SPRING_DATASOURCE_URL", "spring.datasource.url")) {
            banner.add("MariaDB      external: " + environment.getProperty("spring.datasource.url"));
            return;
        }
        MariaDbServer mariaDb = MariaDbServer.start(home.resolve("mariadb"), MARIADB_PORT);
        properties.put("spring.datasource.url", mariaDb.ensureDatabase("flash"));
        properties.put("spring.datasource.username", mariaDb.username());
        properties.put("spring.datasource.password", mariaDb.password());
        banner.add("MariaDB      started on 127.0.0.1:" + MARIADB_PORT + ", data in " + home.resolve("mariadb"));
    }

    private void temporal(Environment environment) {
        if (configured(environment, "FLASH_TEMPORAL_TARGET", "spring.temporal.connection.target")) {
            banner.add("Temporal     external: " + environment.getProperty("spring.temporal.connection.target"));
            return;
        }
        EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start(TEMPORAL_PORT);
        properties.put("spring.temporal.connection.target", temporal.target());
        banner.add("Temporal     embedded test server on " + temporal.target() + " (in memory: lost on exit)");
    }

    private void keycloak(Path home, Environment environment, String portalBaseUrl) {
        if (configured(environment, "FLASH_OIDC_ISSUER_URI", "flash.oidc.issuer-uri")) {
            banner.add("Keycloak     external: " + environment.getProperty("flash.oidc.issuer-uri"));
            return;
        }
        KeycloakServer keycloak = KeycloakServer.start(new KeycloakServer.Options(
                KeycloakServer.Options.forTests().keycloakHome(),
                home.resolve("keycloak"),
                KEYCLOAK_PORT,
                List.of(portalBaseUrl),
                false));
        properties.put("flash.oidc.issuer-uri", keycloak.issuerUri());
        properties.put("spring.security.oauth2.client.registration.keycloak.client-secret", keycloak.clientSecret());
        banner.add("Keycloak     started on " + keycloak.baseUrl() + " (admin console user: " + keycloak.adminUsername()
                + " / " + keycloak.adminPassword() + ")");
    }

    /** The embedded default has no internet to fetch exchange rates from: simulated ones, unless configured. */
    private void rates() {
        if (System.getenv("FLASH_RATES_SIMULATED") != null || System.getProperty("flash.rates.simulated") != null) {
            banner.add("Rates        flash.rates.simulated="
                    + System.getProperty("flash.rates.simulated", System.getenv("FLASH_RATES_SIMULATED")));
            return;
        }
        properties.put("flash.rates.simulated", "true");
        banner.add("Rates        SIMULATED (development only: fixed USD, EUR and GBP prices, not market prices)");
    }

    /** A developer's webhook receiver runs on this machine, which production refuses (the SSRF guard). */
    private void webhooks() {
        if (System.getenv("FLASH_WEBHOOKS_ALLOWED_HOSTS") != null
                || System.getProperty("flash.webhooks.allowed-hosts") != null) {
            return;
        }
        properties.put("flash.webhooks.allowed-hosts", "127.0.0.1,localhost");
        banner.add("Webhooks     may post to 127.0.0.1 and localhost (development only)");
    }

    private static boolean configured(Environment environment, String variable, String property) {
        return System.getenv(variable) != null || System.getProperty(property) != null;
    }
}
