package com.flash.backoffice.workflows.invoice;

import com.flash.backoffice.db.invoice.InvoiceEvent;

/**
 * Where invoice events go: the timeline and the webhooks that come later. Implementations must be idempotent
 * per (invoice, revision, type, payment): the publishing activity may run more than once.
 */
public interface InvoiceEventPublisher {

    void publish(InvoiceEvent event);
}
