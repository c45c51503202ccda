package com.flash.backoffice.reports.invoices;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An invoice's metadata JSON as one value per dotted key: nested objects become {@code buyer.address.city}; an
 * array stays one value (its compact JSON), so that the columns of a report do not multiply with list lengths;
 * numbers keep their written form; JSON null is an empty value.
 */
final class MetadataFlattener {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private MetadataFlattener() {}

    /** The flattened values in the JSON's own key order; empty for null, blank or a non-object value. */
    static Map<String, String> flatten(String json) {
        Map<String, String> values = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return values;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() == JsonToken.START_OBJECT) {
                object(parser, "", values);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("invoice metadata is not valid JSON", e);
        }
        return values;
    }

    private static void object(JsonParser parser, String prefix, Map<String, String> values) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = prefix + parser.currentName();
            JsonToken token = parser.nextToken();
            switch (token) {
                case START_OBJECT -> object(parser, key + ".", values);
                case START_ARRAY -> values.put(key, compact(parser));
                case VALUE_NULL -> values.put(key, "");
                default -> values.put(key, parser.getText());
            }
        }
    }

    private static String compact(JsonParser parser) throws IOException {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            generator.copyCurrentStructure(parser);
        }
        return text.toString();
    }
}
