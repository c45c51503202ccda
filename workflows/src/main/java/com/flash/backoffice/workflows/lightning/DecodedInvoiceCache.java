package com.flash.backoffice.workflows.lightning;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The invoices a node decoded lately. A BOLT11 string decodes to the same invoice every time (its fields and
 * signature are in the string), so one payment's several checks (the LNURL callback, the payment activity, the send)
 * ask the node once. Only successful decodes are kept; the least recently used go first.
 */
final class DecodedInvoiceCache {

    private final Map<String, DecodedInvoice> recent;

    DecodedInvoiceCache(int capacity) {
        this.recent = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, DecodedInvoice> eldest) {
                return size() > capacity;
            }
        };
    }

    DecodedInvoice decode(String bolt11, Function<String, DecodedInvoice> node) {
        synchronized (recent) {
            DecodedInvoice known = recent.get(bolt11);
            if (known != null) {
                return known;
            }
        }
        DecodedInvoice decoded = node.apply(bolt11);
        synchronized (recent) {
            recent.put(bolt11, decoded);
        }
        return decoded;
    }
}
