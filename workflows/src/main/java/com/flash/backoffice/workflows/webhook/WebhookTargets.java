package com.flash.backoffice.workflows.webhook;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Where a webhook may post (the SSRF guard): only to public addresses. A URL whose host is, or resolves to, a
 * loopback, private, link-local (cloud metadata included), carrier-grade NAT, unique-local, multicast, reserved or
 * unspecified address is refused, when the webhook is saved and again before each delivery (a name can resolve
 * elsewhere later). Hosts on the operator's allow-list ({@code flash.webhooks.allowed-hosts}, names or literal
 * addresses, comma-separated) are not checked: a receiver on this machine or a private network the operator trusts.
 */
@Component
public class WebhookTargets {

    /** Resolves a host name to its addresses (the system resolver in production). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final Set<String> allowedHosts;
    private final Resolver resolver;

    @Autowired
    public WebhookTargets(@Value("${flash.webhooks.allowed-hosts:}") String allowedHosts) {
        this(allowedHosts, InetAddress::getAllByName);
    }

    public WebhookTargets(String allowedHosts, Resolver resolver) {
        this.allowedHosts = Arrays.stream(allowedHosts == null ? new String[0] : allowedHosts.split(","))
                .map(String::strip)
                .filter(host -> !host.isEmpty())
                .map(WebhookTargets::normalized)
                .collect(Collectors.toUnmodifiableSet());
        this.resolver = resolver;
    }

    /**
     * Why a delivery to {@code url} is refused, or empty when it may go. A host that does not resolve (now) is not
     * refused here: its delivery fails and is retried like any unreachable receiver.
     */
    public Optional<String> problem(String url) {
        String host;
        try {
            host = URI.create(url.strip()).getHost();
        } catch (IllegalArgumentException | NullPointerException e) {
            return Optional.of("Not a URL");
        }
        if (host == null || host.isBlank()) {
            return Optional.of("The URL has no host");
        }
        if (allowedHosts.contains(normalized(host))) {
            return Optional.empty();
        }
        InetAddress[] addresses;
        try {
            addresses = resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
        } catch (UnknownHostException notNow) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = forbidden(address);
            if (kind.isPresent()) {
                return Optional.of("The URL's host " + host + " is " + address.getHostAddress() + ", " + kind.get()
                        + ": webhooks go to public addresses only");
            }
        }
        return Optional.empty();
    }

    /** What makes {@code address} no place for a webhook, or empty for a public address. */
    static Optional<String> forbidden(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("the unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (where cloud metadata services answer)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = bytes[0] & 0xff;
            int second = bytes[1] & 0xff;
            if (first == 0) {
                return Optional.of("an address of this network (0.0.0.0/8)");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a carrier-grade NAT address (100.64.0.0/10)");
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("a benchmarking address (198.18.0.0/15)");
            }
            if (first >= 240) {
                return Optional.of("a reserved address (240.0.0.0/4)");
            }
        }
        if (address instanceof Inet6Address && (bytes[0] & 0xfe) == 0xfc) {
            return Optional.of("a unique-local address (fc00::/7)");
        }
        return Optional.empty();
    }

    private static String normalized(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.startsWith("[") && lower.endsWith("]") ? lower.substring(1, lower.length() - 1) : lower;
    }
}
