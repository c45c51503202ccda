package com.flash.backoffice.db.invoice;

import java.time.Instant;
import java.util.Set;

/**
 * Filters of the invoice list; each is optional (null or empty). {@code from} is inclusive, {@code to}
 * exclusive. {@code text} matches an invoice id exactly or an order id by prefix (both indexed).
 */
public record InvoiceQuery(
        String merchantId, Set<InvoiceStatus> statuses, Instant from, Instant to, String text, int offset, int limit) {

    public InvoiceQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit cannot be negative");
        }
    }

    public static InvoiceQuery all(int offset, int limit) {
        return new InvoiceQuery(null, Set.of(), null, null, null, offset, limit);
    }
}
