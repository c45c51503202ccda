package com.flash.backoffice.portal.dev.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The realm docker-compose imports in production ({@code src/main/docker/keycloak/flash-realm.json}) and the script
 * that creates its first ADMIN ({@code bootstrap-admin.sh}), on a real Keycloak: no users, no demo password, the
 * client secret and the portal's URL from the environment, and exactly one ADMIN from FLASH_BOOTSTRAP_ADMIN_*.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProductionRealmIT {

    private static final Path REALM = Path.of("src/main/docker/keycloak/flash-realm.json");
    private static final Path BOOTSTRAP = Path.of("src/main/docker/keycloak/bootstrap-admin.sh");
    /** No portal runs here: Keycloak only checks the redirect URI against the realm, it never calls it. */
    private static final String PORTAL = "http://127.0.0.1:18080";

    private static final String FIRST_ADMIN = "ops-lead";
    private static final String TEMPORARY_PASSWORD = "first-login-only-4711";
    private static final String CHOSEN_PASSWORD = "chosen-by-ops-lead-0815";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static final String CLIENT_SECRET = HexFormat.of().formatHex(new SecureRandom().generateSeed(24));
    private static KeycloakServer server;

    @BeforeAll
    static void startKeycloakWithTheProductionRealm() {
        KeycloakServer.Options options = new KeycloakServer.Options(
                        KeycloakServer.keycloakHomeFromSystemProperty(),
                        Path.of("target", "keycloak-production-realm-it"),
                        0,
                        List.of(PORTAL),
                        true)
                .withRealm(REALM, Map.of("FLASH_OIDC_CLIENT_SECRET", CLIENT_SECRET, "FLASH_PORTAL_PUBLIC_URL", PORTAL));
        server = KeycloakServer.start(options);
    }

    @AfterAll
    static void stopKeycloak() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    @Order(1)
    void the_realm_is_imported_with_no_users_and_the_client_secret_from_the_environment() throws IOException {
        assertThat(Files.readString(REALM)).doesNotContain("\"users\"").doesNotContain(KeycloakServer.CLIENT_SECRET);

        assertThat(userCount()).isZero();
        String clientId = admin("/clients?clientId=portal").get(0).path("id").asString();
        assertThat(admin("/clients/" + clientId + "/client-secret")
                        .path("value")
                        .asString())
                .isEqualTo(CLIENT_SECRET);
        assertThatThrownBy(() -> login().login("admin", "admin"))
                .isInstanceOf(KeycloakLogin.LoginRefusedException.class);
    }

    @Test
    @Order(2)
    void the_portal_client_redirects_only_to_the_configured_portal_url() {
        KeycloakLogin elsewhere = new KeycloakLogin(
                server.issuerUri(),
                KeycloakServer.CLIENT_ID,
                CLIENT_SECRET,
                "http://127.0.0.1:54321" + KeycloakLogin.REDIRECT_PATH);

        assertThatThrownBy(() -> elsewhere.login("admin", "admin")).hasMessageContaining("got 400");
    }

    @Test
    @Order(3)
    void without_its_variables_the_bootstrap_names_them_and_creates_nothing() throws Exception {
        Map<String, String> env = bootstrapEnvironment(TEMPORARY_PASSWORD);
        env.remove("FLASH_BOOTSTRAP_ADMIN_USERNAME");
        env.remove("FLASH_BOOTSTRAP_ADMIN_PASSWORD");

        Run run = bootstrap(env);

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.output()).contains("set FLASH_BOOTSTRAP_ADMIN_USERNAME FLASH_BOOTSTRAP_ADMIN_PASSWORD");
        assertThat(userCount()).isZero();
    }

    @Test
    @Order(4)
    void a_password_the_realm_policy_refuses_leaves_no_half_made_user() throws Exception {
        Run run = bootstrap(bootstrapEnvironment("short"));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.output()).contains("user " + FIRST_ADMIN + " not created");
        assertThat(userCount()).isZero();
    }

    @Test
    @Order(5)
    void the_bootstrap_creates_one_admin_who_must_choose_a_new_password_at_the_first_login() throws Exception {
        Run run = bootstrap(bootstrapEnvironment(TEMPORARY_PASSWORD));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("created " + FIRST_ADMIN + " with the ADMIN role");
        assertThat(userCount()).isEqualTo(1);
        assertThatThrownBy(() -> login().login(FIRST_ADMIN, TEMPORARY_PASSWORD))
                .isInstanceOf(KeycloakLogin.LoginRefusedException.class)
                .hasMessageContaining("UPDATE_PASSWORD");

        KeycloakLogin.Tokens tokens = login().loginReplacingPassword(FIRST_ADMIN, TEMPORARY_PASSWORD, CHOSEN_PASSWORD);

        assertThat(tokens.preferredUsername()).isEqualTo(FIRST_ADMIN);
        assertThat(tokens.realmRoles()).containsExactly("ADMIN");
        assertThat(tokens.accessTokenRealmRoles()).containsExactly("ADMIN");
    }

    @Test
    @Order(6)
    void a_later_run_finds_the_admin_and_changes_nothing() throws Exception {
        Run run = bootstrap(bootstrapEnvironment("another-password-9999"));

        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains("already has an ADMIN (" + FIRST_ADMIN + "): nothing to do");
        assertThat(userCount()).isEqualTo(1);
        assertThat(login().login(FIRST_ADMIN, CHOSEN_PASSWORD).realmRoles()).containsExactly("ADMIN");
    }

    @Test
    @Order(7)
    void the_wrong_client_secret_gets_no_tokens() {
        KeycloakLogin devSecret = new KeycloakLogin(
                server.issuerUri(),
                KeycloakServer.CLIENT_ID,
                KeycloakServer.CLIENT_SECRET,
                PORTAL + KeycloakLogin.REDIRECT_PATH);

        assertThatThrownBy(() -> devSecret.login(FIRST_ADMIN, CHOSEN_PASSWORD)).hasMessageContaining("token exchange");
    }

    private static KeycloakLogin login() {
        return new KeycloakLogin(
                server.issuerUri(), KeycloakServer.CLIENT_ID, CLIENT_SECRET, PORTAL + KeycloakLogin.REDIRECT_PATH);
    }

    private static Map<String, String> bootstrapEnvironment(String password) {
        Map<String, String> env = new HashMap<>();
        env.put("KEYCLOAK_URL", server.baseUrl());
        env.put("KEYCLOAK_ADMIN_USER", KeycloakServer.ADMIN_USERNAME);
        env.put("KEYCLOAK_ADMIN_PASSWORD", KeycloakServer.ADMIN_PASSWORD);
        env.put("FLASH_BOOTSTRAP_ADMIN_USERNAME", FIRST_ADMIN);
        env.put("FLASH_BOOTSTRAP_ADMIN_PASSWORD", password);
        env.put("FLASH_BOOTSTRAP_ADMIN_EMAIL", "ops-lead@flash.example");
        return env;
    }

    private record Run(int exitCode, String output) {}

    private static Run bootstrap(Map<String, String> variables) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", BOOTSTRAP.toString()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("FLASH_") || name.startsWith("KEYCLOAK_"));
        env.put("JAVA_HOME", KeycloakServer.javaHome().toString());
        env.put("KCADM", server.options().keycloakHome().resolve("bin/kcadm.sh").toString());
        env.putAll(variables);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("bootstrap-admin.sh did not end in 120 s:\n" + output);
        }
        return new Run(process.exitValue(), output);
    }

    private static int userCount() {
        return admin("/users/count").asInt();
    }

    private static JsonNode admin(String path) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try {
            String form = "grant_type=password&client_id=admin-cli&username="
                    + URLEncoder.encode(KeycloakServer.ADMIN_USERNAME, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(KeycloakServer.ADMIN_PASSWORD, StandardCharsets.UTF_8);
            HttpResponse<String> token = http.send(
                    HttpRequest.newBuilder(
                                    URI.create(server.baseUrl() + "/realms/master/protocol/openid-connect/token"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(form))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
            String accessToken =
                    JSON.readTree(token.body()).path("access_token").asString();
            HttpResponse<String> answer = http.send(
                    HttpRequest.newBuilder(URI.create(server.baseUrl() + "/admin/realms/flash" + path))
                            .header("Authorization", "Bearer " + accessToken)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak's admin API did not answer " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
