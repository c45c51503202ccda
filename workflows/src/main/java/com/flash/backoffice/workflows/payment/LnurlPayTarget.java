package com.flash.backoffice.workflows.payment;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a Lightning address (LUD-16) or an LNURL-pay (LUD-01 bech32, or LUD-17 {@code lnurlp://}) asks for its pay
 * request, with or without a {@code lightning:} prefix.
 */
record LnurlPayTarget(DestinationKind kind, URI uri) {

    /** LUD-16: the user part is limited to a-z0-9-_. (and + for tags); a host name with an optional port. */
    private static final Pattern ADDRESS = Pattern.compile(
            "([a-z0-9\\-_.+]+)@((?:[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?\\.)*[a-z0-9](?:[a-z0-9\\-]*[a-z0-9])?"
                    + "(?::[0-9]{1,5})?)");

    private static final String LIGHTNING_SCHEME = "lightning:";
    private static final String LUD17_SCHEME = "lnurlp://";

    /** The kind of {@code destination} when it is a Lightning address or an LNURL-pay by its form; else empty. */
    static Optional<DestinationKind> kindOf(String destination) {
        if (destination == null) {
            return Optional.empty();
        }
        String text = withoutLightningScheme(destination.strip());
        if (Bech32Lnurl.looksLikeLnurl(text) || text.regionMatches(true, 0, LUD17_SCHEME, 0, LUD17_SCHEME.length())) {
            return Optional.of(DestinationKind.LNURL_PAY);
        }
        int at = text.indexOf('@');
        if (at > 0 && at == text.lastIndexOf('@') && !text.contains("/") && !text.contains(" ")) {
            return Optional.of(DestinationKind.LIGHTNING_ADDRESS);
        }
        return Optional.empty();
    }

    /** Where to GET the pay request; throws {@link LnurlPayException} naming what is wrong with the destination. */
    static LnurlPayTarget of(String destination, LnurlPayProperties properties) {
        DestinationKind kind = kindOf(destination)
                .orElseThrow(() -> new LnurlPayException(
                        LnurlRefusal.NOT_LNURL,
                        DestinationKind.UNKNOWN,
                        "\"" + shorten(destination) + "\" is neither user@domain nor lnurl1..."));
        String text = withoutLightningScheme(destination.strip());
        if (kind == DestinationKind.LIGHTNING_ADDRESS) {
            Matcher m = ADDRESS.matcher(text.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new LnurlPayException(LnurlRefusal.BAD_ADDRESS, kind, "\"" + shorten(text) + "\"");
            }
            String host = m.group(2);
            String hostWithoutPort = host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
            String scheme = properties.allowsPlainHttp(hostWithoutPort) ? "http" : "https";
            return new LnurlPayTarget(
                    kind, checked(scheme + "://" + host + "/.well-known/lnurlp/" + m.group(1), kind, properties));
        }
        if (text.regionMatches(true, 0, LUD17_SCHEME, 0, LUD17_SCHEME.length())) {
            String rest = text.substring(LUD17_SCHEME.length());
            String host = rest.split("[/:?#]", 2)[0];
            String scheme = properties.allowsPlainHttp(host) ? "http" : "https";
            return new LnurlPayTarget(kind, checked(scheme + "://" + rest, kind, properties));
        }
        String url;
        try {
            url = Bech32Lnurl.decode(text);
        } catch (IllegalArgumentException e) {
            throw new LnurlPayException(LnurlRefusal.BAD_BECH32, kind, e.getMessage(), e);
        }
        return new LnurlPayTarget(kind, checked(url, kind, properties));
    }

    /**
     * A URL the service may be asked at: absolute, https (plain http only for an allowed host), no user info.
     * LUD-01 accepts http for onion services, which are not reachable from here.
     */
    static URI checked(String url, DestinationKind kind, LnurlPayProperties properties) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new LnurlPayException(
                    LnurlRefusal.MALFORMED, kind, "\"" + shorten(url) + "\" is not a URL: " + e.getReason(), e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new LnurlPayException(
                    LnurlRefusal.MALFORMED, kind, "\"" + shorten(url) + "\" is not an http(s) URL with a host");
        }
        if (uri.getRawUserInfo() != null) {
            throw new LnurlPayException(LnurlRefusal.MALFORMED, kind, "\"" + shorten(url) + "\" carries credentials");
        }
        if (scheme.equals("http") && !properties.allowsPlainHttp(uri.getHost())) {
            throw new LnurlPayException(LnurlRefusal.INSECURE_URL, kind, shorten(url) + " is plain http");
        }
        return uri;
    }

    static String shorten(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\p{Cntrl}", " ");
        return oneLine.length() <= 120 ? oneLine : oneLine.substring(0, 117) + "...";
    }

    private static String withoutLightningScheme(String text) {
        return text.regionMatches(true, 0, LIGHTNING_SCHEME, 0, LIGHTNING_SCHEME.length())
                ? text.substring(LIGHTNING_SCHEME.length())
                : text;
    }
}
