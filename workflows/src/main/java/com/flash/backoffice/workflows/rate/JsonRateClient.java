package com.flash.backoffice.workflows.rate;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** GETs JSON from a rate source with one deadline for the whole answer; every failure becomes its message. */
final class JsonRateClient {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private final HttpClient http;
    private final Duration timeout;

    JsonRateClient(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    JsonNode get(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .header("User-Agent", "flash-backoffice")
                .GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new RateProviderException("no answer within " + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new RateProviderException("unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateProviderException("interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new RateProviderException("HTTP " + response.statusCode());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new RateProviderException("malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** A price field, given as a JSON string ("97000.1") or number; anything else is a malformed answer. */
    static BigDecimal price(JsonNode node, String what) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new RateProviderException("no " + what + " in the answer");
        }
        try {
            if (node.isNumber()) {
                return node.decimalValue();
            }
            if (node.isTextual()) {
                return new BigDecimal(node.asText().strip());
            }
        } catch (NumberFormatException e) {
            throw new RateProviderException(what + " is not a number: " + node, e);
        }
        throw new RateProviderException(what + " is not a number: " + node);
    }

    static URI resolve(URI base, String pathAndQuery) {
        String root = base.toString().endsWith("/")
                ? base.toString().substring(0, base.toString().length() - 1)
                : base.toString();
        return URI.create(root + pathAndQuery);
    }
}
