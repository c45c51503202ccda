package com.flash.backoffice.db.api;

import com.flash.backoffice.db.invoice.InvoiceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Greenfield invoice list's filters: one store, statuses, exact order ids, a text search (invoice id or
 * order id prefix), created-time range ({@code from} inclusive, {@code to} exclusive), archived or not.
 */
public record ApiInvoiceQuery(
        String merchantId,
        Set<InvoiceStatus> statuses,
        List<String> orderIds,
        String text,
        Instant from,
        Instant to,
        boolean includeArchived,
        int offset,
        int limit) {

    public ApiInvoiceQuery {
        Objects.requireNonNull(merchantId, "merchantId");
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        orderIds = orderIds == null ? List.of() : List.copyOf(orderIds);
        if (offset < 0 || limit < 0) {
            throw new IllegalArgumentException("offset and limit cannot be negative");
        }
    }
}
