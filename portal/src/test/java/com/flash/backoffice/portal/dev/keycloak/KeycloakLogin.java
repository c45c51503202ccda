package com.flash.backoffice.portal.dev.keycloak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Logs a user in the way a browser does, through Keycloak's login form and the authorization-code
 * flow with PKCE (S256), then exchanges the code with the client secret. Each {@link #login} call
 * starts with fresh cookies. For tests: the portal client has no direct access grants.
 *
 * <pre>{@code
 * KeycloakLogin login = KeycloakLogin.forPortal(KeycloakServer.shared(), "http://127.0.0.1:8080");
 * KeycloakLogin.Tokens tokens = login.login("finance", "finance");
 * tokens.realmRoles(); // [FINANCE]
 * }</pre>
 */
public final class KeycloakLogin {

    /** Spring Security's callback for the registration id {@code keycloak}. */
    public static final String REDIRECT_PATH = "/login/oauth2/code/keycloak";

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FORM_TAG = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    /** Keycloak's message next to the field, after any nested opening tags (keycloak.v2 theme). */
    private static final Pattern INPUT_ERROR = Pattern.compile(
            "id=\"input-error[^\"]*\"[^>]*>(?:\\s*<[^/][^>]*>)*\\s*([^<\\s][^<]*?)\\s*<", Pattern.CASE_INSENSITIVE);

    private static final Pattern FEEDBACK = Pattern.compile(
            "class=\"[^\"]*kc-feedback-text[^\"]*\"[^>]*>\\s*([^<\\s][^<]*?)\\s*<", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|quot|apos|lt|gt);");

    private static final List<String> LOOPBACK_HOSTS = List.of("127.0.0.1", "localhost");
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String issuerUri;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;

    public KeycloakLogin(String issuerUri, String clientId, String clientSecret, String redirectUri) {
        this.issuerUri = issuerUri;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
    }

    /** The portal client, redirecting to {@code <portalBaseUrl>/login/oauth2/code/keycloak}. */
    public static KeycloakLogin forPortal(KeycloakServer server, String portalBaseUrl) {
        return new KeycloakLogin(
                server.issuerUri(),
                server.clientId(),
                server.clientSecret(),
                stripTrailingSlash(portalBaseUrl) + REDIRECT_PATH);
    }

    /** The tokens of a completed login and their decoded payloads. */
    public record Tokens(
            String idToken,
            String accessToken,
            String refreshToken,
            JsonNode idTokenClaims,
            JsonNode accessTokenClaims) {

        public String preferredUsername() {
            return idTokenClaims.path("preferred_username").asString();
        }

        /** {@code realm_access.roles} of the ID token. */
        public List<String> realmRoles() {
            return KeycloakLogin.realmRoles(idTokenClaims);
        }

        /** {@code realm_access.roles} of the access token. */
        public List<String> accessTokenRealmRoles() {
            return KeycloakLogin.realmRoles(accessTokenClaims);
        }
    }

    /** Keycloak showed the login form again instead of redirecting: wrong password, unknown user... */
    public static final class LoginRefusedException extends RuntimeException {
        LoginRefusedException(String message) {
            super(message);
        }
    }

    /** The realm's discovery document. */
    public JsonNode discovery() {
        HttpClient http = newClient();
        HttpResponse<String> response = send(
                http,
                HttpRequest.newBuilder(URI.create(issuerUri + "/.well-known/openid-configuration"))
                        .timeout(TIMEOUT)
                        .build());
        expectStatus(response, 200, "discovery");
        return JSON.readTree(response.body());
    }

    /**
     * Logs in through the form and returns the tokens.
     *
     * @throws LoginRefusedException when Keycloak shows the form again, with its message
     */
    public Tokens login(String username, String password) {
        return login(username, password, null);
    }

    /**
     * Logs in with a temporary password: Keycloak asks for a new one (its "update password" required action), and the
     * login goes on with {@code newPassword}.
     *
     * @throws LoginRefusedException when Keycloak refuses the password or the new one, with its message
     */
    public Tokens loginReplacingPassword(String username, String temporaryPassword, String newPassword) {
        return login(username, temporaryPassword, Objects.requireNonNull(newPassword, "newPassword"));
    }

    private Tokens login(String username, String password, String newPassword) {
        JsonNode discovery = discovery();
        HttpClient http = newClient();
        String verifier = randomToken(32);
        String state = randomToken(16);
        String nonce = randomToken(16);

        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", clientId);
        query.put("redirect_uri", redirectUri);
        query.put("response_type", "code");
        query.put("scope", "openid");
        query.put("state", state);
        query.put("nonce", nonce);
        query.put("code_challenge", s256(verifier));
        query.put("code_challenge_method", "S256");
        URI authorize = URI.create(discovery.path("authorization_endpoint").asString() + "?" + formEncode(query));
        HttpResponse<String> loginPage =
                send(http, HttpRequest.newBuilder(authorize).timeout(TIMEOUT).build());
        expectStatus(loginPage, 200, "login page");

        Map<String, String> form = new LinkedHashMap<>();
        form.put("username", username);
        form.put("password", password);
        form.put("credentialId", "");
        HttpResponse<String> submitted = send(
                http,
                HttpRequest.newBuilder(authorize.resolve(loginFormAction(loginPage.body())))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                        .build());
        String requiredAction = submitted.headers().firstValue("Location").orElse("");
        if (submitted.statusCode() == 302 && requiredAction.contains("/login-actions/required-action")) {
            if (newPassword == null) {
                throw new LoginRefusedException("Keycloak asks " + username + " for a required action first: "
                        + requiredAction.replaceAll(".*execution=([A-Z_]+).*", "$1"));
            }
            HttpResponse<String> actionPage = send(
                    http,
                    HttpRequest.newBuilder(authorize.resolve(requiredAction))
                            .timeout(TIMEOUT)
                            .build());
            expectStatus(actionPage, 200, "required action page");
            Map<String, String> update = new LinkedHashMap<>();
            update.put("password-new", newPassword);
            update.put("password-confirm", newPassword);
            submitted = send(
                    http,
                    HttpRequest.newBuilder(authorize.resolve(loginFormAction(actionPage.body())))
                            .timeout(TIMEOUT)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(formEncode(update)))
                            .build());
        }
        if (submitted.statusCode() == 200) {
            throw new LoginRefusedException(
                    "Keycloak refused the login of " + username + ": " + loginError(submitted.body()));
        }
        String location = submitted.headers().firstValue("Location").orElse("");
        if (submitted.statusCode() != 302 || !location.startsWith(redirectUri)) {
            throw new IllegalStateException("Expected a redirect to " + redirectUri + " after the login of " + username
                    + ", got " + submitted.statusCode() + " Location=" + location);
        }
        Map<String, String> callback = queryParameters(URI.create(location));
        if (callback.containsKey("error")) {
            throw new IllegalStateException("Authorization failed: " + callback);
        }
        if (!state.equals(callback.get("state"))) {
            throw new IllegalStateException("State mismatch in " + location);
        }

        Map<String, String> exchange = new LinkedHashMap<>();
        exchange.put("grant_type", "authorization_code");
        exchange.put("code", callback.get("code"));
        exchange.put("redirect_uri", redirectUri);
        exchange.put("code_verifier", verifier);
        HttpResponse<String> tokenResponse = send(
                http,
                HttpRequest.newBuilder(
                                URI.create(discovery.path("token_endpoint").asString()))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", basicAuthorization())
                        .POST(HttpRequest.BodyPublishers.ofString(formEncode(exchange)))
                        .build());
        expectStatus(tokenResponse, 200, "token exchange");
        JsonNode body = JSON.readTree(tokenResponse.body());
        String idToken = body.path("id_token").asString();
        String accessToken = body.path("access_token").asString();
        JsonNode idClaims = decodePayload(idToken);
        if (!nonce.equals(idClaims.path("nonce").asString())) {
            throw new IllegalStateException("Nonce mismatch in the ID token of " + username);
        }
        return new Tokens(
                idToken, accessToken, body.path("refresh_token").asString(), idClaims, decodePayload(accessToken));
    }

    /** The userinfo endpoint's answer for the access token. */
    public JsonNode userInfo(Tokens tokens) {
        HttpResponse<String> response = send(
                newClient(),
                HttpRequest.newBuilder(
                                URI.create(discovery().path("userinfo_endpoint").asString()))
                        .timeout(TIMEOUT)
                        .header("Authorization", "Bearer " + tokens.accessToken())
                        .build());
        expectStatus(response, 200, "userinfo");
        return JSON.readTree(response.body());
    }

    /** The payload of a JWT, not verified: the token came straight from the token endpoint. */
    public static JsonNode decodePayload(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("Not a JWT: " + jwt);
        }
        return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    public static List<String> realmRoles(JsonNode claims) {
        List<String> roles = new ArrayList<>();
        for (JsonNode role : claims.path("realm_access").path("roles")) {
            roles.add(role.asString());
        }
        return roles;
    }

    static String loginFormAction(String html) {
        String fallback = null;
        Matcher forms = FORM_TAG.matcher(html);
        while (forms.find()) {
            String tag = forms.group();
            Matcher action = ACTION.matcher(tag);
            if (!action.find()) {
                continue;
            }
            String url = htmlUnescape(action.group(1));
            if (tag.contains("id=\"kc-form-login\"")) {
                return url;
            }
            // the login form posts to .../authenticate, a required action's form (a new password) to
            // .../required-action
            if (fallback == null && url.contains("/login-actions/")) {
                fallback = url;
            }
        }
        if (fallback != null) {
            return fallback;
        }
        throw new IllegalStateException("No login form in Keycloak's page:\n" + abbreviate(html));
    }

    static String loginError(String html) {
        for (Pattern pattern : List.of(FEEDBACK, INPUT_ERROR)) {
            Matcher matcher = pattern.matcher(html);
            if (matcher.find()) {
                return htmlUnescape(matcher.group(1));
            }
        }
        return "the login page was shown again";
    }

    static String htmlUnescape(String text) {
        return ENTITY.matcher(text).replaceAll(match -> {
            String entity = match.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "lt" -> "<";
                case "gt" -> ">";
                default ->
                    Character.toString(
                            entity.startsWith("#x")
                                    ? Integer.parseInt(entity.substring(2), 16)
                                    : Integer.parseInt(entity.substring(1)));
            };
            return Matcher.quoteReplacement(replacement);
        });
    }

    private String basicAuthorization() {
        // RFC 6749 §2.3.1: form-encode id and secret before Basic
        String credentials = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
    }

    private static HttpClient newClient() {
        return HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieHandler())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(TIMEOUT)
                .build();
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + request.uri(), e);
        }
    }

    private static void expectStatus(HttpResponse<String> response, int expected, String step) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(step + ": expected HTTP " + expected + " from " + response.uri() + ", got "
                    + response.statusCode() + "\n" + abbreviate(response.body()));
        }
    }

    private static Map<String, String> queryParameters(URI uri) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return parameters;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            parameters.put(
                    URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return parameters;
    }

    private static String formEncode(Map<String, String> values) {
        return values.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static String s256(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /**
     * Keycloak marks its cookies {@code Secure} even over http; browsers still send them to
     * 127.0.0.1 and localhost (potentially trustworthy origins), {@link CookieManager} does not.
     * This handler drops the flag for loopback hosts only.
     */
    private static final class LoopbackCookieHandler extends CookieHandler {
        private static final Pattern SECURE = Pattern.compile(";\\s*Secure(?=\\s*(;|$))", Pattern.CASE_INSENSITIVE);

        private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);

        @Override
        public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) throws IOException {
            return cookies.get(uri, requestHeaders);
        }

        @Override
        public void put(URI uri, Map<String, List<String>> responseHeaders) throws IOException {
            if (!LOOPBACK_HOSTS.contains(uri.getHost())) {
                cookies.put(uri, responseHeaders);
                return;
            }
            Map<String, List<String>> relaxed = new LinkedHashMap<>();
            responseHeaders.forEach((name, values) -> relaxed.put(
                    name,
                    name != null && name.toLowerCase(Locale.ROOT).startsWith("set-cookie")
                            ? values.stream()
                                    .map(value -> SECURE.matcher(value).replaceAll(""))
                                    .toList()
                            : values));
            cookies.put(uri, relaxed);
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 2000 ? text : text.substring(0, 2000) + "...";
    }
}
