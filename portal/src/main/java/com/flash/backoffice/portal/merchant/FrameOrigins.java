package com.flash.backoffice.portal.merchant;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The web sites that may frame a store's checkout, as typed by its ADMIN: origins such as {@code https://shop.example}
 * or {@code https://*.shop.example}, separated by spaces, commas or lines. They go into a response header, so only
 * plain origins pass: https (http only for localhost), a host, an optional port, nothing after it.
 */
public final class FrameOrigins {

    static final int MAX_ORIGINS = 10;

    private static final Pattern SEPARATORS = Pattern.compile("[,;\\s]+");
    private static final Pattern HOST =
            Pattern.compile("(\\*\\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

    private FrameOrigins() {}

    /** The origins to store, space-separated ("" for none), or the message for the field. */
    public record Parsed(String origins, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    public static Parsed parse(String typed) {
        Set<String> origins = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        for (String part : SEPARATORS.split(typed == null ? "" : typed.strip())) {
            if (part.isEmpty()) {
                continue;
            }
            String origin = origin(part);
            if (origin == null) {
                refused.add(part);
            } else {
                origins.add(origin);
            }
        }
        if (!refused.isEmpty()) {
            return new Parsed(
                    null, "Not a web site's origin (such as https://shop.example): " + String.join(", ", refused));
        }
        if (origins.size() > MAX_ORIGINS) {
            return new Parsed(null, "At most " + MAX_ORIGINS + " web sites (" + origins.size() + " given).");
        }
        return new Parsed(String.join(" ", origins), null);
    }

    private static String origin(String candidate) {
        try {
            URI uri = new URI(candidate.replace("://*.", "://wildcard-placeholder."));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
            boolean emptyPath = uri.getRawPath() == null
                    || uri.getRawPath().isEmpty()
                    || uri.getRawPath().equals("/");
            if (uri.getRawUserInfo() != null
                    || uri.getRawQuery() != null
                    || uri.getRawFragment() != null
                    || !emptyPath) {
                return null;
            }
            host = host.replace("wildcard-placeholder.", "*.");
            boolean local = host.equals("localhost") || host.equals("127.0.0.1");
            if (!(scheme.equals("https") || (scheme.equals("http") && local))
                    || !HOST.matcher(host).matches()) {
                return null;
            }
            return scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
