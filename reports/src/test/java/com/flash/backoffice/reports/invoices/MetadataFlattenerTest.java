package com.flash.backoffice.reports.invoices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class MetadataFlattenerTest {

    @Test
    void nested_objects_become_dotted_keys_and_arrays_stay_one_compact_json_value() {
        String json = """
                {"orderId": "A-1", "buyer": {"name": "Zoë, \\"Z\\"", "address": {"city": "Köln"}},
                 "items": [{"sku": "x", "qty": 2}, 3], "amount": 12.50, "paid": true, "note": null}
                """;

        assertThat(MetadataFlattener.flatten(json))
                .containsExactly(
                        entry("orderId", "A-1"),
                        entry("buyer.name", "Zoë, \"Z\""),
                        entry("buyer.address.city", "Köln"),
                        entry("items", "[{\"sku\":\"x\",\"qty\":2},3]"),
                        entry("amount", "12.50"),
                        entry("paid", "true"),
                        entry("note", ""));
    }

    @Test
    void empty_or_non_object_metadata_has_no_keys() {
        assertThat(MetadataFlattener.flatten("{}")).isEmpty();
        assertThat(MetadataFlattener.flatten(null)).isEmpty();
        assertThat(MetadataFlattener.flatten("[1,2]")).isEmpty();
    }
}
