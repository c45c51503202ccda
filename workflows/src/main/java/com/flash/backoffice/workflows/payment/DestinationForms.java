package com.flash.backoffice.workflows.payment;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The form of a Lightning address (LUD-16, {@code user@domain}) and of an LNURL (LUD-01: the URL in bech32 with
 * the prefix {@code lnurl}). They are resolved over HTTP only when paid; here only their form is checked.
 */
final class DestinationForms {

    private static final Pattern LIGHTNING_ADDRESS = Pattern.compile(
            "[a-z0-9\\-_.+]+@(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]");

    private DestinationForms() {}

    static boolean looksLikeLnurl(String text) {
        return Bech32Lnurl.looksLikeLnurl(text.strip());
    }

    static Optional<String> lightningAddressProblem(String destination) {
        if (LIGHTNING_ADDRESS
                .matcher(destination.strip().toLowerCase(Locale.ROOT))
                .matches()) {
            return Optional.empty();
        }
        return Optional.of("Not a Lightning address: it has the form user@domain (e.g. alice@example.com)");
    }

    static Optional<String> lnurlProblem(String destination) {
        String url;
        try {
            url = Bech32Lnurl.decode(destination.strip());
        } catch (IllegalArgumentException malformed) {
            return Optional.of("Not a valid LNURL: " + malformed.getMessage());
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!(lower.startsWith("https://") || (lower.startsWith("http://") && lower.contains(".onion")))) {
            return Optional.of("Not a valid LNURL: it does not encode an https URL");
        }
        return Optional.empty();
    }
}
