package com.flash.backoffice.portal.api;

import java.net.URI;
import java.net.URISyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads request bodies as trees (decimals kept exact) so each field can be checked with its Greenfield path. */
public final class ApiJson {

    private static final JsonMapper READER = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private ApiJson() {}

    /** The body as a JSON object, or 400 {@code invalid-json}. */
    public static JsonNode object(String body) {
        JsonNode node;
        try {
            node = READER.readTree(body == null || body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            throw ApiException.of(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "invalid-json",
                    "The request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw ApiException.of(
                    org.springframework.http.HttpStatus.BAD_REQUEST,
                    "invalid-json",
                    "The request body must be a JSON object.");
        }
        return node;
    }

    public static String write(Object value) {
        return READER.writeValueAsString(value);
    }

    /** An absolute http(s) URL of at most {@code maxLength} characters. */
    public static boolean isHttpUrl(String value, int maxLength) {
        if (value == null || value.isBlank() || value.length() > maxLength) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute()
                    && uri.getHost() != null
                    && ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * The field as text: null when absent or null, a scalar as written; an object or a list where text belongs is
     * refused (422) rather than read as something it is not.
     */
    public static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw ApiException.validation(field, "Give a string here, not an object or a list.");
        }
        return node.asString();
    }
}
