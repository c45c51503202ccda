package com.flash.backoffice.workflows.payment;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code flash.payment.lnurl.*}: how LNURL-pay services are asked for invoices.
 *
 * @param connectTimeout to open the connection (default 5 s)
 * @param requestTimeout for each whole answer (default 10 s)
 * @param maxResponseBytes the largest answer read; LUD-06 metadata may carry a 100 KB image (default 256 KiB)
 * @param plainHttpHosts hosts that may be reached over plain http (tests on 127.0.0.1); empty in production
 */
@ConfigurationProperties("flash.payment.lnurl")
public record LnurlPayProperties(
        Duration connectTimeout, Duration requestTimeout, Integer maxResponseBytes, List<String> plainHttpHosts) {

    public static final int DEFAULT_MAX_RESPONSE_BYTES = 256 * 1024;

    public LnurlPayProperties {
        connectTimeout = positive(connectTimeout, Duration.ofSeconds(5), "connect-timeout");
        requestTimeout = positive(requestTimeout, Duration.ofSeconds(10), "request-timeout");
        if (maxResponseBytes == null) {
            maxResponseBytes = DEFAULT_MAX_RESPONSE_BYTES;
        } else if (maxResponseBytes < 1024) {
            throw new IllegalArgumentException(
                    "flash.payment.lnurl.max-response-bytes must be at least 1024: " + maxResponseBytes);
        }
        plainHttpHosts = plainHttpHosts == null
                ? List.of()
                : plainHttpHosts.stream()
                        .map(h -> h.strip().toLowerCase(Locale.ROOT))
                        .filter(h -> !h.isEmpty())
                        .toList();
    }

    /** The production settings: https only. */
    public static LnurlPayProperties defaults() {
        return new LnurlPayProperties(null, null, null, null);
    }

    boolean allowsPlainHttp(String host) {
        return host != null && plainHttpHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    private static Duration positive(Duration value, Duration fallback, String name) {
        if (value == null) {
            return fallback;
        }
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("flash.payment.lnurl." + name + " must be positive: " + value);
        }
        return value;
    }
}
