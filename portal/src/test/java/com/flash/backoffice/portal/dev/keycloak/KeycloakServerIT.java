package com.flash.backoffice.portal.dev.keycloak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakServerIT {

    /** No portal runs here: Keycloak only checks the redirect URI, it never calls it. */
    private static final String PORTAL = "http://127.0.0.1:54321";

    private static KeycloakServer server;

    @BeforeAll
    static void startSharedKeycloak() {
        server = KeycloakServer.shared();
    }

    @Test
    @Order(1)
    void discovery_document_names_the_flash_realm_as_issuer() {
        JsonNode discovery = KeycloakLogin.forPortal(server, PORTAL).discovery();

        assertThat(server.issuerUri()).isEqualTo(server.baseUrl() + "/realms/flash");
        assertThat(discovery.path("issuer").asString()).isEqualTo(server.issuerUri());
        assertThat(discovery.path("code_challenge_methods_supported").toString())
                .contains("S256");
    }

    @ParameterizedTest(name = "{0} has only {1}")
    @Order(2)
    @CsvSource({"finance, FINANCE", "marketing, MARKETING", "support, SUPPORT", "accountant, ACCOUNTANT", "admin, ADMIN"
    })
    void each_demo_user_logs_in_through_the_form_and_carries_exactly_their_realm_role(String username, String role) {
        KeycloakLogin login = KeycloakLogin.forPortal(server, PORTAL);

        KeycloakLogin.Tokens tokens = login.login(username, username);

        assertThat(tokens.preferredUsername()).isEqualTo(username);
        assertThat(tokens.idTokenClaims().path("email_verified").asBoolean()).isTrue();
        assertThat(tokens.idTokenClaims().path("aud").toString()).contains("portal");
        assertThat(tokens.realmRoles()).containsExactly(role);
        assertThat(tokens.accessTokenRealmRoles()).containsExactly(role);
        assertThat(KeycloakLogin.realmRoles(login.userInfo(tokens))).containsExactly(role);
    }

    @Test
    @Order(3)
    void the_portal_may_run_on_any_port_of_127_0_0_1_or_localhost() {
        assertThat(KeycloakLogin.forPortal(server, "http://127.0.0.1:8080")
                        .login("support", "support")
                        .realmRoles())
                .containsExactly("SUPPORT");
        assertThat(KeycloakLogin.forPortal(server, "http://localhost:61234/")
                        .login("support", "support")
                        .realmRoles())
                .containsExactly("SUPPORT");
    }

    @Test
    @Order(4)
    void a_redirect_to_another_host_is_refused() {
        assertThatThrownBy(() -> KeycloakLogin.forPortal(server, "http://evil.example:8080")
                        .login("finance", "finance"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("got 400");
    }

    @Test
    @Order(5)
    void a_wrong_password_is_refused() {
        KeycloakLogin login = KeycloakLogin.forPortal(server, PORTAL);

        assertThatThrownBy(() -> login.login("finance", "not-the-password"))
                .isInstanceOf(KeycloakLogin.LoginRefusedException.class)
                .hasMessageContaining("Invalid username or password");
    }

    @Test
    @Order(6)
    void stop_ends_keycloak_and_closes_its_port_and_shared_starts_it_again_on_the_same_data() {
        int port = server.httpPort();
        String dataDir = server.options().dataDir().toString();

        server.stop();

        assertThat(server.isRunning()).isFalse();
        assertThat(portIsOpen(port)).isFalse();
        assertThat(ProcessHandle.current()
                        .descendants()
                        .filter(ProcessHandle::isAlive)
                        .filter(p -> p.info().commandLine().orElse("").contains(dataDir)))
                .isEmpty();

        server = KeycloakServer.shared();

        assertThat(server.isRunning()).isTrue();
        assertThat(server.httpPort())
                .as("the same port: portals configured earlier keep working")
                .isEqualTo(port);
        assertThat(KeycloakLogin.forPortal(server, PORTAL)
                        .login("admin", "admin")
                        .realmRoles())
                .containsExactly("ADMIN");
    }

    private static boolean portIsOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
