package com.flash.backoffice.workflows.payment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns a Lightning address (LUD-16) or an LNURL-pay (LUD-01/06, LUD-17 {@code lnurlp://}) into a BOLT11 invoice for
 * exactly the amount: reads the pay request, checks the amount against {@code minSendable..maxSendable}, asks the
 * callback for {@code amount=<msat>}, and accepts the invoice only if its amount is that amount and its description
 * hash is SHA-256 of the metadata string (LUD-06 steps 6 and 7).
 *
 * <p>Every call asks the service for a new invoice: a payment that resolves a destination must keep the first
 * invoice it got with its intent, so that a retry pays that one and not a second.
 */
public final class LnurlPayResolver {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LnurlPayProperties properties;
    private final LnurlHttp http;
    private final Bolt11Decoder decoder;

    public LnurlPayResolver(LnurlPayProperties properties, Bolt11Decoder decoder) {
        this.properties = Objects.requireNonNull(properties, "properties");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.http = new LnurlHttp(properties);
    }

    /** {@link DestinationKind#LIGHTNING_ADDRESS} or {@link DestinationKind#LNURL_PAY} by form; else empty. */
    public static Optional<DestinationKind> kindOf(String destination) {
        return LnurlPayTarget.kindOf(destination);
    }

    /**
     * The checked invoice for {@code amountMsat}; throws {@link LnurlPayException} with the refusal and the case
     * (including the service's own reason for a {@code status: ERROR} answer).
     */
    public LnurlInvoice resolve(String destination, long amountMsat) {
        if (amountMsat <= 0) {
            throw new IllegalArgumentException("amountMsat must be positive: " + amountMsat);
        }
        LnurlPayTarget target = LnurlPayTarget.of(destination, properties);
        DestinationKind kind = target.kind();
        refuseOtherTags(target);
        JsonNode payRequest = http.get(target.uri(), kind);

        String tag = text(payRequest, "tag", kind, target.uri());
        if (!tag.equals("payRequest")) {
            throw new LnurlPayException(
                    LnurlRefusal.NOT_PAY_REQUEST, kind, "its tag is \"" + LnurlPayTarget.shorten(tag) + "\"");
        }
        URI callback = LnurlPayTarget.checked(text(payRequest, "callback", kind, target.uri()), kind, properties);
        long min = msat(payRequest, "minSendable", kind, target.uri());
        long max = msat(payRequest, "maxSendable", kind, target.uri());
        if (min < 1 || min > max) {
            throw new LnurlPayException(
                    LnurlRefusal.MALFORMED,
                    kind,
                    "minSendable " + min + " and maxSendable " + max + " msat are not a range from 1 msat up");
        }
        String metadata = text(payRequest, "metadata", kind, target.uri());
        requireJsonArray(metadata, kind);
        if (amountMsat < min || amountMsat > max) {
            throw new LnurlPayException(
                    LnurlRefusal.AMOUNT_OUT_OF_RANGE,
                    kind,
                    amountMsat + " msat is not within " + min + ".." + max + " msat");
        }

        JsonNode answer = http.get(withAmount(callback, amountMsat), kind);
        String bolt11 = text(answer, "pr", kind, callback);
        DecodedBolt11 decoded;
        try {
            decoded = Objects.requireNonNull(decoder.decode(bolt11), "no decoded invoice");
        } catch (RuntimeException e) {
            throw new LnurlPayException(
                    LnurlRefusal.INVALID_INVOICE,
                    kind,
                    "\"" + LnurlPayTarget.shorten(bolt11) + "\": " + e.getMessage(),
                    e);
        }
        if (decoded.amountMsat() != amountMsat) {
            throw new LnurlPayException(
                    LnurlRefusal.WRONG_INVOICE_AMOUNT,
                    kind,
                    decoded.amountMsat() == 0
                            ? "the invoice has no amount, " + amountMsat + " msat were asked for"
                            : "the invoice is for " + decoded.amountMsat() + " msat, " + amountMsat
                                    + " msat were asked for");
        }
        String expectedHash = sha256Hex(metadata);
        if (decoded.descriptionHash() == null) {
            throw new LnurlPayException(
                    LnurlRefusal.WRONG_DESCRIPTION_HASH, kind, "the invoice has no description hash");
        }
        if (!decoded.descriptionHash().equals(expectedHash)) {
            throw new LnurlPayException(
                    LnurlRefusal.WRONG_DESCRIPTION_HASH,
                    kind,
                    "the invoice's hash is " + decoded.descriptionHash() + ", SHA-256 of the metadata is "
                            + expectedHash);
        }
        return new LnurlInvoice(bolt11, amountMsat, target.uri(), metadata);
    }

    /** LUD-01: a {@code tag} query parameter gives an LNURL another meaning (login, withdraw, channel). */
    private static void refuseOtherTags(LnurlPayTarget target) {
        String query = target.uri().getRawQuery();
        if (query == null) {
            return;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("tag=")) {
                String tag = URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8);
                if (!tag.equals("payRequest")) {
                    throw new LnurlPayException(
                            LnurlRefusal.NOT_PAY_REQUEST,
                            target.kind(),
                            "its tag query parameter is \"" + LnurlPayTarget.shorten(tag) + "\"");
                }
            }
        }
    }

    static URI withAmount(URI callback, long amountMsat) {
        String url = callback.toString();
        int fragment = url.indexOf('#');
        if (fragment >= 0) {
            url = url.substring(0, fragment);
        }
        String separator = callback.getRawQuery() == null ? "?" : (url.endsWith("&") || url.endsWith("?") ? "" : "&");
        return URI.create(url + separator + "amount=" + amountMsat);
    }

    private static String text(JsonNode json, String field, DestinationKind kind, URI from) {
        JsonNode node = json.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new LnurlPayException(
                    LnurlRefusal.MALFORMED, kind, host(from) + "'s answer has no text field \"" + field + "\"");
        }
        return node.asText();
    }

    /** A whole number of millisatoshi; {@code 1000.0} is accepted, {@code 1000.5} or {@code "1000"} is not. */
    private static long msat(JsonNode json, String field, DestinationKind kind, URI from) {
        JsonNode node = json.get(field);
        if (node != null && node.isNumber()) {
            try {
                BigDecimal value = node.decimalValue();
                return value.stripTrailingZeros().scale() <= 0 ? value.longValueExact() : fail(field, kind, from);
            } catch (ArithmeticException e) {
                return fail(field, kind, from);
            }
        }
        return fail(field, kind, from);
    }

    private static long fail(String field, DestinationKind kind, URI from) {
        throw new LnurlPayException(
                LnurlRefusal.MALFORMED,
                kind,
                host(from) + "'s answer has no whole number of millisatoshi in \"" + field + "\"");
    }

    /** LUD-06: the metadata is a JSON array sent as a string; the hash is of the string exactly as sent. */
    private static void requireJsonArray(String metadata, DestinationKind kind) {
        try {
            if (JSON.readTree(metadata).isArray()) {
                return;
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw new LnurlPayException(LnurlRefusal.MALFORMED, kind, "the metadata is not a JSON array in a string");
    }

    private static String host(URI uri) {
        return uri.getHost();
    }

    static String sha256Hex(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
