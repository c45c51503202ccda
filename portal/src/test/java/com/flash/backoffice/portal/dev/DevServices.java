package com.flash.backoffice.portal.dev;

import com.flash.backoffice.db.testsupport.MariaDbServer;
import com.flash.backoffice.portal.dev.keycloak.KeycloakServer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.env.Environment;

/**
 * Starts the real servers the portal needs when nothing external is configured: MariaDB, Temporal, Keycloak,
 * each on 127.0.0.1 and each skipped when its address is configured. Returns the properties that point the
 * application at what it started, and a line per service for the start-up banner. The servers do not stop by
 * themselves at JVM exit: {@link #close()} stops them, after the application that uses them has stopped.
 */
final class DevServices implements AutoCloseable {

    static final DevPort MARIADB_PORT = new DevPort("MariaDB", "FLASH_DEV_MARIADB_PORT", 3307, "SPRING_DATASOURCE_URL");
    static final DevPort TEMPORAL_PORT =
            new DevPort("Temporal", "FLASH_DEV_TEMPORAL_PORT", 7233, "FLASH_TEMPORAL_TARGET");
    static final DevPort KEYCLOAK_PORT =
            new DevPort("Keycloak", "FLASH_DEV_KEYCLOAK_PORT", 8180, "FLASH_OIDC_ISSUER_URI");

    final Map<String, String> properties = new LinkedHashMap<>();
    final List<String> banner = new ArrayList<>();
    private final Deque<Stoppable> started = new ArrayDeque<>();

    private record Stoppable(String name, AutoCloseable server) {}

    /**
     * Starts what is not configured; a server that cannot start stops those started before it and ends the start
     * with a {@link DevStartException} whose message is the one line to print.
     */
    static DevServices start(Path home, Environment environment, String portalBaseUrl) {
        DevServices dev = new DevServices();
        try {
            dev.database(home, environment);
            dev.temporal(environment);
            dev.keycloak(home, environment, portalBaseUrl);
        } catch (RuntimeException e) {
            dev.close();
            throw e instanceof DevStartException
                    ? e
                    : new DevStartException("A development server did not start: " + e.getMessage(), e);
        }
        dev.network();
        dev.rates();
        dev.webhooks();
        return dev;
    }

    /** Stops the servers, the last started first. */
    @Override
    public void close() {
        while (!started.isEmpty()) {
            Stoppable next = started.pop();
            try {
                next.server().close();
            } catch (Exception e) {
                System.err.println("Could not stop the development " + next.name() + " server: " + e.getMessage());
            }
        }
    }

    private void database(Path home, Environment environment) {
        if (configured(environment, "SPRING_DATASOURCE_URL", "spring.datasource.url")) {
            banner.add("MariaDB      external: " + environment.getProperty("spring.datasource.url"));
            return;
        }
        int port = MARIADB_PORT.free();
        MariaDbServer mariaDb = MariaDbServer.start(home.resolve("mariadb"), port);
        mariaDb.stopOnlyWhenClosed();
        started.push(new Stoppable("MariaDB", mariaDb));
        properties.put("spring.datasource.url", mariaDb.ensureDatabase("flash"));
        properties.put("spring.datasource.username", mariaDb.username());
        properties.put("spring.datasource.password", mariaDb.password());
        banner.add("MariaDB      started on 127.0.0.1:" + port + ", data in " + home.resolve("mariadb"));
    }

    private void temporal(Environment environment) {
        if (configured(environment, "FLASH_TEMPORAL_TARGET", "spring.temporal.connection.target")) {
            banner.add("Temporal     external: " + environment.getProperty("spring.temporal.connection.target"));
            return;
        }
        EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start(TEMPORAL_PORT.free());
        temporal.stopOnlyWhenClosed();
        started.push(new Stoppable("Temporal", temporal));
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
                KEYCLOAK_PORT.free(),
                List.of(portalBaseUrl),
                false));
        keycloak.stopOnlyWhenClosed();
        started.push(new Stoppable("Keycloak", keycloak));
        properties.put("flash.oidc.issuer-uri", keycloak.issuerUri());
        properties.put("spring.security.oauth2.client.registration.keycloak.client-secret", keycloak.clientSecret());
        banner.add("Keycloak     started on " + keycloak.baseUrl() + " (admin console user: " + keycloak.adminUsername()
                + " / " + keycloak.adminPassword() + ")");
    }

    /** With no node configured, the embedded default selects the simulated network (anything else refuses to start). */
    private void network() {
        if (System.getenv("FLASH_NETWORK_SIMULATED") != null
                || System.getProperty("flash.network.simulated") != null
                || System.getenv("FLASH_BITCOIN_RPC_URL") != null
                || System.getProperty("flash.bitcoin.rpc.url") != null
                || System.getenv("FLASH_LND_HOST") != null
                || System.getProperty("flash.lnd.host") != null) {
            return;
        }
        properties.put("flash.network.simulated", "true");
        banner.add("Network      SIMULATED Bitcoin and Lightning (development only: no real bitcoin moves)");
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
