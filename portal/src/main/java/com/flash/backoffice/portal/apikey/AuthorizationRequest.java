package com.flash.backoffice.portal.apikey;

import com.flash.backoffice.portal.api.StorePermissions;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an application asks for through BTCPay's {@code /api-keys/authorize}: a name, permissions (repeated
 * {@code permissions} or {@code permissions[]}), {@code strict} (the person may not change them; default true),
 * {@code selectiveStores} (the key is for one store the person picks; default false) and {@code redirect}, the
 * absolute http(s) address the key is POSTed back to. A permission Flash does not offer is listed in
 * {@code ignored}; a redirect that is not absolute http(s) is dropped, as BTCPay does, and named in
 * {@code refusedRedirect}.
 */
public record AuthorizationRequest(
        String applicationName,
        Set<String> permissions,
        List<String> ignored,
        String requestedStoreId,
        boolean strict,
        boolean selectiveStores,
        URI redirect,
        String refusedRedirect) {

    public AuthorizationRequest {
        permissions = Set.copyOf(permissions);
        ignored = List.copyOf(ignored);
    }

    /** Parses the query parameters as the authorize page receives them. */
    public static AuthorizationRequest parse(Map<String, List<String>> query) {
        Set<String> permissions = new LinkedHashSet<>();
        List<String> ignored = new ArrayList<>();
        String requestedStore = null;
        for (String requested : values(query, "permissions", "permissions[]")) {
            String name = requested.strip().toLowerCase(Locale.ROOT);
            int colon = name.indexOf(':');
            if (colon > 0) {
                requestedStore = requested.strip().substring(colon + 1);
                name = name.substring(0, colon);
            }
            if (name.isEmpty()) {
                continue;
            }
            if (StorePermissions.offered(name).isPresent()) {
                permissions.add(name);
            } else if (!ignored.contains(name)) {
                ignored.add(name);
            }
        }
        String redirectValue = first(query, "redirect");
        URI redirect = absoluteHttp(redirectValue);
        String name = first(query, "applicationName");
        return new AuthorizationRequest(
                name == null || name.isBlank() ? null : name.strip(),
                permissions,
                ignored,
                requestedStore,
                flag(query, "strict", true),
                flag(query, "selectiveStores", false),
                redirect,
                redirect == null && redirectValue != null && !redirectValue.isBlank() ? redirectValue : null);
    }

    /** The label the key gets: the application's name, or a plain one when it gave none. */
    public String label() {
        String label = applicationName == null ? "Authorized application" : applicationName;
        return label.length() > ApiKeyRules.MAX_LABEL ? label.substring(0, ApiKeyRules.MAX_LABEL) : label;
    }

    private static URI absoluteHttp(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(value.strip());
            boolean http = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
            return uri.isAbsolute() && http && uri.getHost() != null && uri.getUserInfo() == null ? uri : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    private static boolean flag(Map<String, List<String>> query, String name, boolean fallback) {
        String value = first(query, name);
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        return "false".equalsIgnoreCase(value) ? false : fallback;
    }

    private static String first(Map<String, List<String>> query, String name) {
        List<String> values = query.getOrDefault(name, List.of());
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> values(Map<String, List<String>> query, String... names) {
        List<String> values = new ArrayList<>();
        for (String name : names) {
            values.addAll(query.getOrDefault(name, List.of()));
        }
        return values;
    }
}
