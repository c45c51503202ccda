package com.flash.backoffice.workflows.payment;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
    private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GENERATORS = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    private DestinationForms() {}

    static boolean looksLikeLnurl(String text) {
        return text.strip().toLowerCase(Locale.ROOT).startsWith("lnurl1");
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
        String text = destination.strip();
        if (!text.equals(text.toLowerCase(Locale.ROOT)) && !text.equals(text.toUpperCase(Locale.ROOT))) {
            return Optional.of("Not a valid LNURL: it mixes upper and lower case");
        }
        String lower = text.toLowerCase(Locale.ROOT);
        int separator = lower.lastIndexOf('1');
        if (!lower.startsWith("lnurl1") || separator != 5 || lower.length() < 5 + 1 + 6 + 1) {
            return Optional.of("Not a valid LNURL: it starts with lnurl1");
        }
        int[] values = new int[lower.length() - separator - 1];
        for (int i = 0; i < values.length; i++) {
            int value = CHARSET.indexOf(lower.charAt(separator + 1 + i));
            if (value < 0) {
                return Optional.of("Not a valid LNURL: '" + lower.charAt(separator + 1 + i) + "' is not bech32");
            }
            values[i] = value;
        }
        if (polymod("lnurl", values) != 1) {
            return Optional.of("Not a valid LNURL: its checksum is wrong (a typo?)");
        }
        Optional<String> url = toUrl(values, values.length - 6);
        if (url.isEmpty()
                || !(url.get().startsWith("https://")
                        || (url.get().startsWith("http://") && url.get().contains(".onion")))) {
            return Optional.of("Not a valid LNURL: it does not encode an https URL");
        }
        return Optional.empty();
    }

    private static int polymod(String hrp, int[] values) {
        int checksum = 1;
        for (int i = 0; i < hrp.length(); i++) {
            checksum = step(checksum, hrp.charAt(i) >> 5);
        }
        checksum = step(checksum, 0);
        for (int i = 0; i < hrp.length(); i++) {
            checksum = step(checksum, hrp.charAt(i) & 31);
        }
        for (int value : values) {
            checksum = step(checksum, value);
        }
        return checksum;
    }

    private static int step(int checksum, int value) {
        int top = checksum >>> 25;
        checksum = ((checksum & 0x1ffffff) << 5) ^ value;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                checksum ^= GENERATORS[i];
            }
        }
        return checksum;
    }

    /** The 5-bit groups regrouped into bytes (no padding left over), read as a UTF-8 URL. */
    private static Optional<String> toUrl(int[] values, int length) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int accumulator = 0;
        int bits = 0;
        for (int i = 0; i < length; i++) {
            accumulator = ((accumulator << 5) | values[i]) & 0xffff;
            bits += 5;
            while (bits >= 8) {
                bits -= 8;
                bytes.write((accumulator >>> bits) & 0xff);
            }
        }
        if (bits >= 5 || (accumulator & ((1 << bits) - 1)) != 0) {
            return Optional.empty();
        }
        return Optional.of(bytes.toString(StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }
}
